package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of the run-time controls ({@code GET/POST /admin/faults}): partial updates in, the
 * current state out. See {@link CrustdataSimulator#applyControls} for the keys. An update is
 * checked whole before any of it applies, so a bad one changes nothing.
 *
 * <p>Threading notes: stateless; callers hold the simulator's lock.
 */
final class ControlsJson {

  private ControlsJson() {}

  static void apply(JsonNode update, RuntimeControls controls, CreditAccount credits) {
    if (update == null || !update.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    boolean all = update.path("endpoint").asText("").equals("all");
    List<SimulatedEndpoint> targets = targets(update.get("endpoint"));
    Map<SimulatedEndpoint, FaultSettings> faults = new EnumMap<>(SimulatedEndpoint.class);
    for (SimulatedEndpoint e : targets) {
      faults.put(e, faults(update, controls.faults(e)));
    }
    LatencyModel latency = update.has("latency") ? latency(update.get("latency")) : null;
    Boolean entitled = update.has("entitled") ? update.get("entitled").asBoolean() : null;
    List<SimulatedEndpoint> switchable = new ArrayList<>();
    for (SimulatedEndpoint e : targets) {
      if (hasPlanSwitch(e)) {
        switchable.add(e);
      } else if (entitled != null && !all) {
        throw new IllegalArgumentException(
            e.path() + " has no plan entitlement (use forbiddenApiKeys for /person/enrich)");
      }
    }
    ApiKeys keys = keys(update, controls.keys());

    faults.forEach(controls::setFaults);
    if (latency != null) {
      targets.forEach(e -> controls.setLatency(e, latency));
    }
    if (entitled != null) {
      switchable.forEach(e -> controls.setEntitled(e, entitled));
    }
    if (update.has("creditBalance")) {
      credits.setBalance(update.get("creditBalance").asDouble());
    }
    if (update.has("accountEndpoints")) {
      controls.setAccountEndpointsAvailable(update.get("accountEndpoints").asBoolean());
    }
    controls.setKeys(keys);
  }

  /** {@code /person/enrich}'s controls at the top level (as before), every endpoint's below. */
  static ObjectNode describe(RuntimeControls controls, CreditAccount credits) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    describe(root, controls, SimulatedEndpoint.ENRICH);
    root.put("creditBalance", credits.balance());
    // Key values are secrets even in a simulator: report how many, not which.
    root.put("validApiKeyCount", controls.keys().valid().size());
    root.put("forbiddenApiKeyCount", controls.keys().forbidden().size());
    root.put("accountEndpoints", controls.accountEndpointsAvailable());
    ObjectNode endpoints = root.putObject("endpoints");
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      ObjectNode entry = endpoints.putObject(e.path());
      describe(entry, controls, e);
      entry.put("entitled", controls.entitled(e));
    }
    return root;
  }

  /** Whether {@code endpoint} has a plan switch: the person endpoints but enrich (per key). */
  static boolean hasPlanSwitch(SimulatedEndpoint endpoint) {
    return endpoint.servesPersonData() && endpoint != SimulatedEndpoint.ENRICH;
  }

  private static void describe(ObjectNode out, RuntimeControls controls, SimulatedEndpoint e) {
    FaultSettings faults = controls.faults(e);
    out.put("error500", faults.error500());
    out.put("error502", faults.error502());
    out.put("error503", faults.error503());
    out.put("timeout", faults.timeout());
    out.put("connectionReset", faults.connectionReset());
    out.put("malformedJson", faults.malformedJson());
    out.put("missingEntry", faults.missingEntry());
    out.put("forced429", faults.forced429());
    faults.rejectIdentifiers().stream().sorted().forEach(out.putArray("rejectIdentifiers")::add);
    LatencyModel latency = controls.latency(e);
    ObjectNode l = out.putObject("latency");
    l.put("kind", latency.kind().name());
    l.put("minMillis", latency.min().toMillis());
    l.put("maxMillis", latency.max().toMillis());
    l.put("tailProbability", latency.tailProbability());
    l.put("tailMillis", latency.tail().toMillis());
  }

  /**
   * Absent: enrich (the keys' meaning before there were other endpoints); "all"; a path; a list.
   */
  private static List<SimulatedEndpoint> targets(JsonNode endpoint) {
    if (endpoint == null || endpoint.isNull()) {
      return List.of(SimulatedEndpoint.ENRICH);
    }
    if (endpoint.isTextual() && endpoint.asText().equals("all")) {
      return List.of(SimulatedEndpoint.values());
    }
    List<SimulatedEndpoint> targets = new ArrayList<>();
    if (endpoint.isArray()) {
      endpoint.forEach(e -> targets.add(SimulatedEndpoint.named(e.asText())));
    } else {
      targets.add(SimulatedEndpoint.named(endpoint.asText()));
    }
    return targets;
  }

  private static FaultSettings faults(JsonNode update, FaultSettings f) {
    return new FaultSettings(
        update.path("error500").asDouble(f.error500()),
        update.path("error502").asDouble(f.error502()),
        update.path("error503").asDouble(f.error503()),
        update.path("timeout").asDouble(f.timeout()),
        update.path("connectionReset").asDouble(f.connectionReset()),
        update.path("malformedJson").asDouble(f.malformedJson()),
        update.path("missingEntry").asDouble(f.missingEntry()),
        update.path("forced429").asInt(f.forced429()),
        update.has("rejectIdentifiers")
            ? strings(update.get("rejectIdentifiers"))
            : f.rejectIdentifiers());
  }

  private static ApiKeys keys(JsonNode update, ApiKeys keys) {
    if (update.has("validApiKeys")) {
      keys = new ApiKeys(strings(update.get("validApiKeys")), keys.forbidden());
    }
    if (update.has("forbiddenApiKeys")) {
      keys = new ApiKeys(keys.valid(), strings(update.get("forbiddenApiKeys")));
    }
    if (update.has("invalidateKeys")) {
      keys = keys.invalidate(strings(update.get("invalidateKeys")));
    }
    return keys;
  }

  private static LatencyModel latency(JsonNode l) {
    long min = l.path("minMillis").asLong(0);
    return new LatencyModel(
        LatencyModel.Kind.valueOf(l.path("kind").asText("NONE")),
        Duration.ofMillis(min),
        Duration.ofMillis(l.path("maxMillis").asLong(min)),
        l.path("tailProbability").asDouble(0),
        Duration.ofMillis(l.path("tailMillis").asLong(0)));
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}
