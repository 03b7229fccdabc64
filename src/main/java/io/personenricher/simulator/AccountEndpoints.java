package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /account/endpoints} (spec §9): free; for the calling key, every endpoint the simulator
 * serves with its category, {@code status} ({@code enabled} or {@code not_enabled}), {@code
 * effective_rate_limit_rpm} ({@link RateLimits#perMinute}) and its selectable fields ({@code
 * fields.enabled}; all of them move to {@code fields.disabled} when the endpoint is not enabled).
 * {@code token_limit_rpm}, the aggregate ceiling, is the sum of the per-endpoint limits: the
 * simulator enforces no separate aggregate, so that sum is the true ceiling.
 *
 * <p>Threading notes: reads the {@link RuntimeControls}; the simulator calls it under its lock.
 */
final class AccountEndpoints implements EndpointHandler {

  private final Map<SimulatedEndpoint, Integer> limits;
  private final Map<SimulatedEndpoint, List<String>> fields;
  private final Duration window;
  private final RuntimeControls controls;

  /**
   * @param limits the per-window limit of every served endpoint
   * @param fields each served endpoint's selectable fields
   */
  AccountEndpoints(
      Map<SimulatedEndpoint, Integer> limits,
      Map<SimulatedEndpoint, List<String>> fields,
      Duration window,
      RuntimeControls controls) {
    this.limits = Map.copyOf(limits);
    this.fields = Map.copyOf(fields);
    this.window = window;
    this.controls = controls;
  }

  @Override
  public ApiAnswer handle(ApiCall call, String key, FaultSettings faults) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("api_version", VersionHeader.SUPPORTED);
    long total = 0;
    ArrayNode endpoints = root.putArray("endpoints");
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      if (!limits.containsKey(e)) {
        continue;
      }
      long rpm = RateLimits.perMinute(limits.get(e), window);
      total += rpm;
      boolean enabled = controls.isEnabled(e, key);
      ObjectNode entry = endpoints.addObject();
      entry.put("path", e.path());
      entry.put("category", e.category());
      entry.put("status", enabled ? "enabled" : "not_enabled");
      entry.put("effective_rate_limit_rpm", rpm);
      ObjectNode f = entry.putObject("fields");
      ArrayNode on = f.putArray("enabled");
      ArrayNode off = f.putArray("disabled");
      fields.getOrDefault(e, List.of()).forEach(enabled ? on::add : off::add);
    }
    root.put("token_limit_rpm", total);
    return ApiAnswer.json(200, root.toString(), 0);
  }
}
