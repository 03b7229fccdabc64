package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The JSON form of the run-time controls ({@code GET/POST /admin/faults}): partial updates in, the
 * current state out. See {@link CrustdataSimulator#applyControls} for the keys.
 *
 * <p>Threading notes: stateless; callers hold the simulator's lock.
 */
final class ControlsJson {

  private ControlsJson() {}

  static void apply(JsonNode update, RuntimeControls controls, CreditAccount credits) {
    if (update == null || !update.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    SimulatedEndpoint endpoint = SimulatedEndpoint.ENRICH;
    FaultSettings f = controls.faults(endpoint);
    controls.setFaults(
        endpoint,
        new FaultSettings(
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
                : f.rejectIdentifiers()));
    if (update.has("latency")) {
      controls.setLatency(endpoint, latency(update.get("latency")));
    }
    if (update.has("creditBalance")) {
      credits.setBalance(update.get("creditBalance").asDouble());
    }
    ApiKeys keys = controls.keys();
    if (update.has("validApiKeys")) {
      keys = new ApiKeys(strings(update.get("validApiKeys")), keys.forbidden());
    }
    if (update.has("forbiddenApiKeys")) {
      keys = new ApiKeys(keys.valid(), strings(update.get("forbiddenApiKeys")));
    }
    if (update.has("invalidateKeys")) {
      keys = keys.invalidate(strings(update.get("invalidateKeys")));
    }
    controls.setKeys(keys);
  }

  static ObjectNode describe(RuntimeControls controls, CreditAccount credits) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    SimulatedEndpoint endpoint = SimulatedEndpoint.ENRICH;
    FaultSettings faults = controls.faults(endpoint);
    root.put("error500", faults.error500());
    root.put("error502", faults.error502());
    root.put("error503", faults.error503());
    root.put("timeout", faults.timeout());
    root.put("connectionReset", faults.connectionReset());
    root.put("malformedJson", faults.malformedJson());
    root.put("missingEntry", faults.missingEntry());
    root.put("forced429", faults.forced429());
    faults.rejectIdentifiers().stream().sorted().forEach(root.putArray("rejectIdentifiers")::add);
    LatencyModel latency = controls.latency(endpoint);
    ObjectNode l = root.putObject("latency");
    l.put("kind", latency.kind().name());
    l.put("minMillis", latency.min().toMillis());
    l.put("maxMillis", latency.max().toMillis());
    l.put("tailProbability", latency.tailProbability());
    l.put("tailMillis", latency.tail().toMillis());
    root.put("creditBalance", credits.balance());
    // Key values are secrets even in a simulator: report how many, not which.
    root.put("validApiKeyCount", controls.keys().valid().size());
    root.put("forbiddenApiKeyCount", controls.keys().forbidden().size());
    return root;
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
