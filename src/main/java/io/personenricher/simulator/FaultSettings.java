package io.personenricher.simulator;

import java.util.Set;

/**
 * Faults the simulator injects into {@code /person/enrich}, settable at start ({@link
 * SimulatorSettings}) and at run time ({@link CrustdataSimulator#setFaults}, {@code POST
 * /admin/faults}). Probabilities are per request and checked in this order after authentication,
 * rate limiting and the version header: 500, 502, 503, timeout (never answer), connection reset;
 * the body faults (malformed JSON, one entry missing) apply to would-be 200 answers only.
 *
 * @param error500 probability of a 500 {@code internal_error}
 * @param error502 probability of a 502
 * @param error503 probability of a 503
 * @param timeout probability of never answering (the connection stays open until the client gives
 *     up)
 * @param connectionReset probability of closing the connection without an answer
 * @param malformedJson probability of a 200 whose body is not valid JSON
 * @param missingEntry probability of a 200 whose array lacks its last entry (only for requests of
 *     2+ values)
 * @param forced429 the next this-many authenticated requests get 429 regardless of the window
 * @param rejectIdentifiers any request containing one of these values gets 400 {@code
 *     invalid_request} (lets a caller's bisection be tested)
 */
public record FaultSettings(
    double error500,
    double error502,
    double error503,
    double timeout,
    double connectionReset,
    double malformedJson,
    double missingEntry,
    int forced429,
    Set<String> rejectIdentifiers) {

  public FaultSettings {
    for (double p :
        new double[] {
          error500, error502, error503, timeout, connectionReset, malformedJson, missingEntry
        }) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("fault probabilities must be within [0, 1], got " + p);
      }
    }
    if (forced429 < 0) {
      throw new IllegalArgumentException("forced429 must not be negative");
    }
    rejectIdentifiers = rejectIdentifiers == null ? Set.of() : Set.copyOf(rejectIdentifiers);
  }

  /** No faults at all. */
  public static FaultSettings none() {
    return new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0, Set.of());
  }

  public FaultSettings withForced429(int n) {
    return new FaultSettings(
        error500,
        error502,
        error503,
        timeout,
        connectionReset,
        malformedJson,
        missingEntry,
        n,
        rejectIdentifiers);
  }

  public FaultSettings withRejectIdentifiers(Set<String> values) {
    return new FaultSettings(
        error500,
        error502,
        error503,
        timeout,
        connectionReset,
        malformedJson,
        missingEntry,
        forced429,
        values);
  }

  /** Probabilities for the 5xx statuses, keeping everything else. */
  public FaultSettings withServerErrors(double p500, double p502, double p503) {
    return new FaultSettings(
        p500,
        p502,
        p503,
        timeout,
        connectionReset,
        malformedJson,
        missingEntry,
        forced429,
        rejectIdentifiers);
  }

  /** Probabilities of the transport and body faults, keeping everything else. */
  public FaultSettings withTransportFaults(
      double pTimeout, double pReset, double pMalformed, double pMissing) {
    return new FaultSettings(
        error500,
        error502,
        error503,
        pTimeout,
        pReset,
        pMalformed,
        pMissing,
        forced429,
        rejectIdentifiers);
  }
}
