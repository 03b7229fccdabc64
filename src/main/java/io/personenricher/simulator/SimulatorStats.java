package io.personenricher.simulator;

import java.util.Map;

/**
 * What the simulator has seen since start or the last reset; {@code GET /admin/stats} serves the
 * same figures.
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
    long resetsInjected) {

  public SimulatorStats {
    statusCounts = Map.copyOf(statusCounts);
  }

  /** Answers with this status so far. */
  public long count(int status) {
    return statusCounts.getOrDefault(status, 0L);
  }
}
