package io.personenricher.simulator;

import java.util.EnumMap;
import java.util.Map;

/**
 * What can change while the simulator runs: each endpoint's faults, latency and entitlement, the
 * API keys, and whether {@code GET /account/endpoints} exists. Starts from (and {@link #restore}s)
 * the {@link SimulatorSettings}.
 *
 * <p>Threading notes: not thread-safe; the simulator reads and changes it under its lock.
 */
final class RuntimeControls {

  private final Map<SimulatedEndpoint, FaultSettings> faults =
      new EnumMap<>(SimulatedEndpoint.class);
  private final Map<SimulatedEndpoint, LatencyModel> latency =
      new EnumMap<>(SimulatedEndpoint.class);
  private final Map<SimulatedEndpoint, Boolean> entitled = new EnumMap<>(SimulatedEndpoint.class);
  private ApiKeys keys;
  private boolean accountEndpointsAvailable;

  RuntimeControls(SimulatorSettings settings) {
    restore(settings);
  }

  /** Back to the start-up controls. */
  void restore(SimulatorSettings settings) {
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      faults.put(e, e == SimulatedEndpoint.ENRICH ? settings.faults() : FaultSettings.none());
      latency.put(e, settings.endpoint(e).latency());
      entitled.put(e, settings.endpoint(e).entitled());
    }
    keys = new ApiKeys(settings.validApiKeys(), settings.forbiddenApiKeys());
    accountEndpointsAvailable = settings.accountEndpointsAvailable();
  }

  /**
   * Step 4 of spec §4.4: nothing, or a 403 {@code permission_error} when the key or the plan is not
   * entitled to a person endpoint. The account endpoints are open to every authenticated key.
   */
  void requireEntitled(SimulatedEndpoint endpoint, String key) {
    if (!isEnabled(endpoint, key)) {
      throw new ApiRejection(
          ApiAnswer.error(
              403, "permission_error", "Your API key does not have access to this endpoint."));
    }
  }

  /** Whether {@code key} may call {@code endpoint} ({@code status: enabled} on the account). */
  boolean isEnabled(SimulatedEndpoint endpoint, String key) {
    return !endpoint.servesPersonData() || (keys.entitled(key) && entitled.get(endpoint));
  }

  boolean entitled(SimulatedEndpoint endpoint) {
    return entitled.get(endpoint);
  }

  /** Entitles every key to {@code endpoint}, or none (for {@code /person/enrich}, see keys). */
  void setEntitled(SimulatedEndpoint endpoint, boolean isEntitled) {
    entitled.put(endpoint, isEntitled);
  }

  boolean accountEndpointsAvailable() {
    return accountEndpointsAvailable;
  }

  void setAccountEndpointsAvailable(boolean available) {
    accountEndpointsAvailable = available;
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
