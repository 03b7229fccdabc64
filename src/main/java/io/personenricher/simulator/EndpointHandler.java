package io.personenricher.simulator;

/**
 * One endpoint's own part of a call: everything after the gateway (authentication, rate window,
 * version header, entitlement, server faults), that is request validation, credits and lookup.
 */
interface EndpointHandler {

  /**
   * The answer to an admitted call; a 4xx is thrown as an {@link ApiRejection}.
   *
   * @param key the caller's API key, authenticated and entitled
   * @param faults the endpoint's current faults (for {@code rejectIdentifiers})
   */
  ApiAnswer handle(ApiCall call, String key, FaultSettings faults);
}
