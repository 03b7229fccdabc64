package io.personenricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The processor's figures at one instant, read back from the same meters {@code /metrics} exposes,
 * so the status page and a Prometheus scrape never disagree. Counters are cumulative since start;
 * the page derives rates from two snapshots.
 *
 * @param at when it was read
 * @param recordsIn input records read, all topics
 * @param recordsOutByRoute output records by route ({@code enriched}, {@code unmatched}, {@code
 *     dead_letter})
 * @param deadLettersByErrorClass dead letters by error class
 * @param deadLettersByReason dead letters by dead-letter reason
 * @param batches API requests sent (one per batch)
 * @param batchIdentifiers identifiers in those requests, summed
 * @param batchEvents events covered by those requests, summed
 * @param rateLimited 429 answers
 * @param retries retriable failures that were retried
 * @param credits credits the API reported
 * @param inFlight requests on the wire now
 * @param pending events in the pending stores now
 * @param quotaRemaining latest {@code x-ratelimit-remaining}, -1 before the first answer
 * @param quotaLimit latest {@code x-ratelimit-limit}, -1 before the first answer
 * @param batchWaitMaxSeconds longest wait of a batch's oldest event over the last 2 minutes
 * @param threadReplacements stream threads replaced since start
 * @param latestDeadLetters the latest dead letters, newest first, identifiers masked
 */
public record MetricsSnapshot(
    Instant at,
    double recordsIn,
    Map<String, Double> recordsOutByRoute,
    Map<String, Double> deadLettersByErrorClass,
    Map<String, Double> deadLettersByReason,
    double batches,
    double batchIdentifiers,
    double batchEvents,
    double rateLimited,
    double retries,
    double credits,
    long inFlight,
    long pending,
    long quotaRemaining,
    long quotaLimit,
    double batchWaitMaxSeconds,
    double threadReplacements,
    List<RecentDeadLetters.Sample> latestDeadLetters) {

  public MetricsSnapshot {
    recordsOutByRoute = Map.copyOf(recordsOutByRoute);
    deadLettersByErrorClass = Map.copyOf(deadLettersByErrorClass);
    deadLettersByReason = Map.copyOf(deadLettersByReason);
    latestDeadLetters = List.copyOf(latestDeadLetters);
  }

  /** Output records of one route ({@code enriched}, {@code unmatched}, {@code dead_letter}). */
  public double recordsOut(String route) {
    return recordsOutByRoute.getOrDefault(route, 0.0);
  }

  static MetricsSnapshot read(
      MeterRegistry registry, Instant at, List<RecentDeadLetters.Sample> latestDeadLetters) {
    DistributionSummary identifiers =
        registry.find(PrometheusEnricherMetrics.BATCH_IDENTIFIERS).summary();
    DistributionSummary events = registry.find(PrometheusEnricherMetrics.BATCH_EVENTS).summary();
    Timer wait = registry.find(PrometheusEnricherMetrics.BATCH_WAIT).timer();
    return new MetricsSnapshot(
        at,
        sum(registry.find(PrometheusEnricherMetrics.RECORDS_IN).counters()),
        byTag(registry, PrometheusEnricherMetrics.RECORDS_OUT, "route"),
        byTag(registry, PrometheusEnricherMetrics.DEAD_LETTERS, "error_class"),
        byTag(registry, PrometheusEnricherMetrics.DEAD_LETTERS_BY_REASON, "reason"),
        identifiers == null ? 0 : identifiers.count(),
        identifiers == null ? 0 : identifiers.totalAmount(),
        events == null ? 0 : events.totalAmount(),
        sum(registry.find(PrometheusEnricherMetrics.RATE_LIMITED).counters()),
        sum(registry.find(PrometheusEnricherMetrics.RETRIES).counters()),
        sum(registry.find(PrometheusEnricherMetrics.CREDITS).counters()),
        gauge(registry, PrometheusEnricherMetrics.IN_FLIGHT, 0),
        gauge(registry, PrometheusEnricherMetrics.PENDING, 0),
        gauge(registry, PrometheusEnricherMetrics.QUOTA_REMAINING, -1),
        gauge(registry, PrometheusEnricherMetrics.QUOTA_LIMIT, -1),
        wait == null ? 0 : wait.max(TimeUnit.MILLISECONDS) / 1000.0,
        sum(registry.find(PrometheusEnricherMetrics.THREAD_REPLACEMENTS).counters()),
        latestDeadLetters);
  }

  private static double sum(Collection<Counter> counters) {
    return counters.stream().mapToDouble(Counter::count).sum();
  }

  private static Map<String, Double> byTag(MeterRegistry registry, String name, String tag) {
    Map<String, Double> totals = new TreeMap<>();
    for (Counter counter : registry.find(name).counters()) {
      totals.merge(counter.getId().getTag(tag), counter.count(), Double::sum);
    }
    return totals;
  }

  private static long gauge(MeterRegistry registry, String name, long absent) {
    Gauge gauge = registry.find(name).gauge();
    return gauge == null ? absent : Math.round(gauge.value());
  }
}
