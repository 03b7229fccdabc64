package io.personenricher.simulator;

import java.util.EnumMap;
import java.util.Map;

/**
 * What can change while the simulator runs: each endpoint's faults and latency, and the API keys.
 * Starts from (and {@link #restore}s) the {@link SimulatorSettings}.
 *
 * <p>Threading notes: not thread-safe; the simulator reads and changes it under its lock.
 */
final class RuntimeControls {

  private final Map<SimulatedEndpoint, FaultSettings> faults =
      new EnumMap<>(SimulatedEndpoint.class);
  private final Map<SimulatedEndpoint, LatencyModel> latency =
      new EnumMap<>(SimulatedEndpoint.class);
  private ApiKeys keys;

  RuntimeControls(SimulatorSettings settings) {
    restore(settings);
  }

  /** Back to the start-up controls. */
  void restore(SimulatorSettings settings) {
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      faults.put(e, e == SimulatedEndpoint.ENRICH ? settings.faults() : FaultSettings.none());
      latency.put(e, e == SimulatedEndpoint.ENRICH ? settings.latency() : LatencyModel.none());
    }
    keys = new ApiKeys(settings.validApiKeys(), settings.forbiddenApiKeys());
  }

  FaultSettings faults(SimulatedEndpoint endpoint) {
    return faults.get(endpoint);
  }

  void setFaults(SimulatedEndpoint endpoint, FaultSettings newFaults) {
    faults.put(endpoint, newFaults);
  }

  /** True, and one fewer left, while a forced-429 burst lasts on {@code endpoint}. */
  boolean takeForced429(SimulatedEndpoint endpoint) {
    FaultSettings f = faults.get(endpoint);
    if (f.forced429() == 0) {
      return false;
    }
    faults.put(endpoint, f.withForced429(f.forced429() - 1));
    return true;
  }

  LatencyModel latency(SimulatedEndpoint endpoint) {
    return latency.get(endpoint);
  }

  void setLatency(SimulatedEndpoint endpoint, LatencyModel model) {
    latency.put(endpoint, model);
  }

  ApiKeys keys() {
    return keys;
  }

  void setKeys(ApiKeys newKeys) {
    keys = newKeys;
  }
}
