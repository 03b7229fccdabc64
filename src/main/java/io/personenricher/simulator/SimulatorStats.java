package io.personenricher.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator has seen since start or the last reset; {@code GET /admin/stats} serves the
 * same figures. The top-level figures are {@code /person/enrich}'s (as before there were other
 * endpoints); {@code endpoints} has every served endpoint's own, keyed by path.
 *
 * @param requestsReceived {@code /person/enrich} requests, whatever their outcome
 * @param identifiersReceived values in both identifier arrays of every parseable body
 * @param largestBatch the most values one request carried (both arrays together)
 * @param mixedTypeSeen true once a body carried both {@code professional_network_profile_urls} and
 *     {@code business_emails}
 * @param rateLimited429 429 answers sent (window and forced)
 * @param statusCounts answers by HTTP status (timeouts and resets are not answers and are not
 *     counted here)
 * @param creditsCharged credits charged in total
 * @param creditBalance credits left
 * @param maxRequestsInAnyWindow the most requests that arrived (and counted against the quota)
 *     within any interval of one rate window: the pacing check for clients
 * @param timeoutsInjected requests deliberately left unanswered
 * @param resetsInjected connections deliberately closed
 * @param endpoints each served endpoint's figures by path ({@code /person/enrich} included)
 */
public record SimulatorStats(
    long requestsReceived,
    long identifiersReceived,
    int largestBatch,
    boolean mixedTypeSeen,
    long rateLimited429,
    Map<Integer, Long> statusCounts,
    double creditsCharged,
    double creditBalance,
    int maxRequestsInAnyWindow,
    long timeoutsInjected,
    long resetsInjected,
    Map<String, EndpointStats> endpoints) {

  public SimulatorStats {
    statusCounts = Map.copyOf(statusCounts);
    endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
  }

  /** The figures without a per-endpoint breakdown. */
  public SimulatorStats(
      long requestsReceived,
      long identifiersReceived,
      int largestBatch,
      boolean mixedTypeSeen,
      long rateLimited429,
      Map<Integer, Long> statusCounts,
      double creditsCharged,
      double creditBalance,
      int maxRequestsInAnyWindow,
      long timeoutsInjected,
      long resetsInjected) {
    this(
        requestsReceived,
        identifiersReceived,
        largestBatch,
        mixedTypeSeen,
        rateLimited429,
        statusCounts,
        creditsCharged,
        creditBalance,
        maxRequestsInAnyWindow,
        timeoutsInjected,
        resetsInjected,
        Map.of());
  }

  /** {@code endpoint}'s figures (all zero if it has seen nothing or is not served). */
  public EndpointStats endpoint(SimulatedEndpoint endpoint) {
    EndpointStats stats = endpoints.get(endpoint.path());
    return stats != null ? stats : new EndpointStats(0, 0, 0, false, 0, Map.of(), 0, 0, 0, 0, 0);
  }

  /** Answers with this status so far. */
  public long count(int status) {
    return statusCounts.getOrDefault(status, 0L);
  }
}
