package io.personenricher.simulator;

import java.util.Map;

/**
 * What one endpoint has seen since start or the last reset.
 *
 * @param requests requests received, whatever their outcome
 * @param identifiers values in the identifier arrays of every parseable body (0 for search and the
 *     account endpoints)
 * @param largestBatch the most identifier values one request carried
 * @param mixedTypeSeen true once a body carried both {@code professional_network_profile_urls} and
 *     {@code business_emails}
 * @param results profiles returned in 2xx answers (matches, or search results)
 * @param statusCounts answers by HTTP status (timeouts and resets are not answers)
 * @param rateLimited429 429 answers (window and forced)
 * @param maxRequestsInAnyWindow the most requests that arrived within any interval of one rate
 *     window (all keys together): the pacing check for clients
 * @param creditsCharged credits charged
 * @param timeoutsInjected requests deliberately left unanswered
 * @param resetsInjected connections deliberately closed
 */
public record EndpointStats(
    long requests,
    long identifiers,
    int largestBatch,
    boolean mixedTypeSeen,
    long results,
    Map<Integer, Long> statusCounts,
    long rateLimited429,
    int maxRequestsInAnyWindow,
    double creditsCharged,
    long timeoutsInjected,
    long resetsInjected) {

  public EndpointStats {
    statusCounts = Map.copyOf(statusCounts);
  }

  /** Answers with this status so far. */
  public long count(int status) {
    return statusCounts.getOrDefault(status, 0L);
  }
}
