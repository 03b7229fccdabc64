package io.personenricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personenricher.quota.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@link EnricherMetrics} on a Micrometer {@link PrometheusMeterRegistry} (Prometheus client 1.x
 * underneath), exposed as text by {@link #scrape()} for {@code GET /metrics}. Every meter is named
 * {@code enricher_*}; the registry also carries JVM meters, and the composition root may bind more
 * (e.g. Micrometer's {@code KafkaStreamsMetrics}) through {@link #registry()}.
 *
 * <p>Counters appear with the Prometheus {@code _total} suffix, timers in seconds with {@code
 * _bucket} series. Tag values come from code (routes, reasons, status codes, topic names), never
 * from record contents, so the series count stays bounded.
 *
 * <p>Threading notes: called from stream threads and Vert.x event-loop threads at once. Micrometer
 * meters are thread-safe and lock-free on the hot path; the gauges read {@link
 * AtomicInteger}/{@link AtomicLong} and a {@link ConcurrentHashMap}, so no method blocks.
 */
public final class PrometheusEnricherMetrics implements EnricherMetrics {

  /** The Prometheus text exposition format {@link #scrape()} returns. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  // Meter names, shared with MetricsSnapshot, which reads them back for the status page.
  static final String RECORDS_IN = "enricher.records.in";
  static final String RECORDS_OUT = "enricher.records.out";
  static final String DEAD_LETTERS = "enricher.dead.letters";
  static final String DEAD_LETTERS_BY_REASON = "enricher.dead.letters.by.reason";
  static final String BATCH_IDENTIFIERS = "enricher.batch.identifiers";
  static final String BATCH_EVENTS = "enricher.batch.events";
  static final String BATCH_WAIT = "enricher.batch.wait";
  static final String RETRIES = "enricher.retries";
  static final String RATE_LIMITED = "enricher.api.rate.limited";
  static final String CREDITS = "enricher.api.credits.used";
  static final String CREDITS_BY_ROUTE = "enricher.credits.by.route";
  static final String IN_FLIGHT = "enricher.api.requests.in.flight";
  static final String QUOTA_REMAINING = "enricher.api.quota.remaining";
  static final String QUOTA_LIMIT = "enricher.api.quota.limit";
  static final String PENDING = "enricher.pending.entries";
  static final String HALTED = "enricher.api.halted";
  static final String THREAD_REPLACEMENTS = "enricher.stream.thread.replacements";
  static final String REUSE_HITS = "enricher.reuse.hits";
  static final String REUSE_CLAIMS = "enricher.reuse.claims";
  static final String REUSE_CLAIM_WAITS = "enricher.reuse.claim.waits";
  static final String REUSE_UNSEEN_DROPPED = "enricher.reuse.unseen.dropped";

  /** How many of the latest dead letters the status page may show. */
  static final int RECENT_DEAD_LETTERS = 10;

  private static final double[] BATCH_SIZE_BUCKETS =
      IntStream.rangeClosed(1, 25).asDoubleStream().toArray();
  private static final double[] FILL_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  private static final double[] EVENTS_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250, 500};
  private static final Duration[] API_LATENCY_BUCKETS =
      millis(50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);
  private static final Duration[] BATCH_WAIT_BUCKETS =
      millis(100, 500, 1_000, 5_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000);
  private static final Duration[] END_TO_END_BUCKETS =
      millis(
          100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000,
          3_600_000);

  private final PrometheusMeterRegistry registry;
  private final int maxBatchSize;
  private final DistributionSummary batchIdentifiers;
  private final DistributionSummary batchFill;
  private final DistributionSummary batchEvents;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong quotaRemaining = new AtomicLong(-1);
  private final AtomicLong quotaLimit = new AtomicLong(-1);
  private final Counter creditsUsed;
  private final PrometheusCreditMetrics credits;
  private final PrometheusQuotaMetrics quota;
  private final Counter rateLimited;
  private final Map<String, Long> pendingByTask = new ConcurrentHashMap<>();
  private final Timer batchWait;
  private final Counter threadReplacements;
  private final RecentDeadLetters recentDeadLetters;
  private final WorkflowMeters workflows;
  private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
  private final Map<RouteTopic, Counter> recordsOut = new ConcurrentHashMap<>();
  private final Map<Route, Timer> endToEndLatency = new ConcurrentHashMap<>();
  private final Map<String, Counter> reuseHits = new ConcurrentHashMap<>();

  /**
   * A fresh registry with JVM meters; {@code maxBatchSize} is the configured batch size the fill is
   * relative to.
   */
  public PrometheusEnricherMetrics(int maxBatchSize) {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), maxBatchSize);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** On a given registry, without JVM meters: for tests and embedding. */
  public PrometheusEnricherMetrics(PrometheusMeterRegistry registry, int maxBatchSize) {
    this(registry, maxBatchSize, Clock.systemUTC());
  }

  /** As above, with the clock that stamps the latest dead letters. */
  public PrometheusEnricherMetrics(
      PrometheusMeterRegistry registry, int maxBatchSize, Clock clock) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
    }
    this.registry = registry;
    this.maxBatchSize = maxBatchSize;
    this.recentDeadLetters = new RecentDeadLetters(RECENT_DEAD_LETTERS, clock);
    batchIdentifiers =
        DistributionSummary.builder(BATCH_IDENTIFIERS)
            .description("Distinct identifiers per API request (batch size; 25 is a full batch)")
            .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
            .register(registry);
    // In percent, not as a ratio: Micrometer's summary histograms round values up to whole numbers.
    batchFill =
        DistributionSummary.builder("enricher.batch.fill.percent")
            .description("Identifiers per request as a percentage of enricher.batch.max.size")
            .serviceLevelObjectives(FILL_BUCKETS)
            .register(registry);
    batchEvents =
        DistributionSummary.builder(BATCH_EVENTS)
            .description("Input events covered by one API request (duplicates share an identifier)")
            .serviceLevelObjectives(EVENTS_BUCKETS)
            .register(registry);
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("API requests on the wire now")
        .register(registry);
    Gauge.builder(QUOTA_REMAINING, quotaRemaining, AtomicLong::get)
        .description("Latest x-ratelimit-remaining from the API (-1 before the first response)")
        .register(registry);
    Gauge.builder(QUOTA_LIMIT, quotaLimit, AtomicLong::get)
        .description("Latest x-ratelimit-limit from the API (-1 before the first response)")
        .register(registry);
    Gauge.builder(
            "enricher.api.quota.headroom.ratio", this, PrometheusEnricherMetrics::headroomRatio)
        .description("x-ratelimit-remaining / x-ratelimit-limit (NaN before the first response)")
        .register(registry);
    credits = new PrometheusCreditMetrics(registry);
    quota = new PrometheusQuotaMetrics(registry);
    creditsUsed =
        Counter.builder(CREDITS)
            .description("Credits the API reported as used (x-credits-used)")
            .register(registry);
    rateLimited =
        Counter.builder(RATE_LIMITED)
            .description("Responses with status 429 (the quota was exceeded)")
            .register(registry);
    Gauge.builder(PENDING, pendingByTask, PrometheusEnricherMetrics::sum)
        .description("Entries in the pending stores of all tasks of this instance")
        .register(registry);
    batchWait =
        Timer.builder(BATCH_WAIT)
            .description(
                "How long the oldest event of each batch sent had waited since it was admitted"
                    + " (retries included): the age of the backlog's head; _max is the longest of"
                    + " the last 2 minutes")
            .serviceLevelObjectives(BATCH_WAIT_BUCKETS)
            .register(registry);
    threadReplacements =
        Counter.builder(THREAD_REPLACEMENTS)
            .description("Stream threads replaced after an uncaught exception")
            .register(registry);
    workflows = new WorkflowMeters(registry);
  }

  /**
   * Adds {@code enricher_api_halted{reason}}: 1 for the reason the client is halted by now, 0 for
   * the others, so an alert can name the reason.
   *
   * @param current the reason the client is halted, empty while it is not; read at each scrape and
   *     must not block
   * @param reasons every reason there is
   */
  public void bindHaltState(Supplier<Optional<String>> current, Collection<String> reasons) {
    for (String reason : reasons) {
      // Held strongly: Micrometer's default weak reference lets a lambda nothing else holds go.
      Gauge.builder(HALTED, current, c -> c.get().filter(reason::equals).isPresent() ? 1 : 0)
          .strongReference(true)
          .description(
              "1 while the API client is halted for this reason (401/402/403, or the credit"
                  + " budget)")
          .tag("reason", reason)
          .register(registry);
    }
  }

  /** A stream thread died and was replaced (see {@code EnricherApp}). */
  public void recordThreadReplacement() {
    threadReplacements.increment();
  }

  /** The figures of the status page, read from the meters at {@code at}. */
  public MetricsSnapshot snapshot(Instant at) {
    return MetricsSnapshot.read(registry, at, recentDeadLetters.newestFirst());
  }

  /** The registry, to bind further meters (JVM, Kafka Streams client metrics). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Adds the Kafka Streams client metrics (consumer lag, commit and poll rates, producer errors,
   * ...) as {@code kafka_*} meters. Close the returned binder before closing {@code streams}.
   */
  public AutoCloseable bindKafkaStreams(KafkaStreams streams) {
    KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
    binder.bindTo(registry);
    return binder;
  }

  /** The Prometheus text exposition ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  // The meters of every event (one in, one out, a reuse hit), looked up once per tag value: a
  // builder and a registry look-up per event cost about a microsecond of the stream thread's time.

  @Override
  public void recordIn(String topic) {
    recordsIn
        .computeIfAbsent(
            topic,
            t ->
                Counter.builder(RECORDS_IN)
                    .description("Records read from an input topic")
                    .tag("topic", t)
                    .register(registry))
        .increment();
  }

  @Override
  public void recordOut(Route route, String topic, Duration endToEnd) {
    recordsOut
        .computeIfAbsent(
            new RouteTopic(route, topic),
            rt ->
                Counter.builder(RECORDS_OUT)
                    .description("Records written, by output topic and route")
                    .tag("topic", rt.topic())
                    .tag("route", routeTag(rt.route()))
                    .register(registry))
        .increment();
    endToEndLatency
        .computeIfAbsent(
            route,
            r ->
                Timer.builder("enricher.end.to.end.latency")
                    .description("From the input event's timestamp to its output, by route")
                    .tag("route", routeTag(r))
                    .serviceLevelObjectives(END_TO_END_BUCKETS)
                    .register(registry))
        // A producer clock ahead of ours would give a negative age; count it as zero rather than
        // drop it.
        .record(endToEnd.isNegative() ? Duration.ZERO : endToEnd);
  }

  private static String routeTag(Route route) {
    return route.name().toLowerCase(Locale.ROOT);
  }

  private record RouteTopic(Route route, String topic) {}

  @Override
  public void recordDeadLetter(String errorClass) {
    Counter.builder(DEAD_LETTERS)
        .description("Dead letters written, by error class")
        .tag("error_class", errorClass)
        .register(registry)
        .increment();
  }

  @Override
  public void recordDeadLetterSample(
      String reason, String errorClass, byte[] key, String identifier) {
    Counter.builder(DEAD_LETTERS_BY_REASON)
        .description("Dead letters written, by dead-letter reason (RETRIES_EXHAUSTED, ...)")
        .tag("reason", reason)
        .register(registry)
        .increment();
    recentDeadLetters.add(reason, errorClass, key, identifier);
  }

  @Override
  public void recordBatchWait(Duration oldestEventWait) {
    batchWait.record(oldestEventWait.isNegative() ? Duration.ZERO : oldestEventWait);
  }

  @Override
  public void recordReuseHit(String source, Endpoint endpoint, double creditsSaved) {
    reuseHits
        .computeIfAbsent(
            source,
            s ->
                Counter.builder(REUSE_HITS)
                    .description(
                        "Events answered with a reused answer instead of a request, by source"
                            + " (task: the task's own answers; application: the answer book)")
                    .tag("source", s)
                    .register(registry))
        .increment();
    credits.recordCreditsSaved(endpoint, 1, creditsSaved);
  }

  @Override
  public void recordClaims(int written, long waiting) {
    if (written > 0) {
      Counter.builder(REUSE_CLAIMS)
          .description("Claims written to the answers topic (new and renewed)")
          .register(registry)
          .increment(written);
    }
    if (waiting > 0) {
      Counter.builder(REUSE_CLAIM_WAITS)
          .description(
              "Entries a scan left waiting on a claim (this task's, not yet in the answer book,"
                  + " or another task's), counted per scan")
          .register(registry)
          .increment(waiting);
    }
  }

  @Override
  public void recordUnseenAnswerDropped() {
    Counter.builder(REUSE_UNSEEN_DROPPED)
        .description(
            "Own answers that left memory before the answer book showed them (a twin may be paid"
                + " again): the global thread lags far behind")
        .register(registry)
        .increment();
  }

  @Override
  public void recordBatch(int identifiers, int events, FlushReason reason) {
    batchIdentifiers.record(identifiers);
    batchFill.record(Math.round(identifiers * 100.0 / maxBatchSize));
    batchEvents.record(events);
    Counter.builder("enricher.batches")
        .description("API requests sent, by why the batch was flushed")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void recordRetry(String reason) {
    Counter.builder(RETRIES)
        .description("Retriable failures that will be retried, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void pendingEntries(String taskId, long entries) {
    // A task that is closed reports 0; removing it keeps the map bounded by the tasks this instance
    // ever owned.
    if (entries <= 0) {
      pendingByTask.remove(taskId);
    } else {
      pendingByTask.put(taskId, entries);
    }
  }

  @Override
  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  @Override
  public void recordResponse(String status, Duration latency) {
    inFlight.updateAndGet(n -> Math.max(0, n - 1));
    Counter.builder("enricher.api.responses")
        .description(
            "API responses by HTTP status or transport failure (timeout, connection_failed)")
        .tag("status", status)
        .register(registry)
        .increment();
    Timer.builder("enricher.api.latency")
        .description("API request latency, by HTTP status or transport failure")
        .tag("status", status)
        .serviceLevelObjectives(API_LATENCY_BUCKETS)
        .register(registry)
        .record(latency.isNegative() ? Duration.ZERO : latency);
    if ("429".equals(status)) {
      rateLimited.increment();
    }
  }

  @Override
  public void quotaHeadroom(int remaining, int limit) {
    quotaRemaining.set(remaining);
    quotaLimit.set(limit);
  }

  @Override
  public void recordRouteCredits(Route route, double used) {
    if (used > 0) {
      Counter.builder(CREDITS_BY_ROUTE)
          .description(
              "Events' shares of the credits their answers cost, by the route they ended on")
          .tag("route", route.name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment(used);
    }
  }

  /** The quota's meters (per endpoint: permits per window, share, permits by outcome, pauses). */
  public PrometheusQuotaMetrics quota() {
    return quota;
  }

  /** The credit budget's and the cost estimates' meters, on the same registry. */
  public PrometheusCreditMetrics credits() {
    return credits;
  }

  @Override
  public void recordCredits(double used) {
    if (used > 0) {
      creditsUsed.increment(used);
    }
  }

  @Override
  public void recordEndpointCredits(String endpoint, double used) {
    workflows.endpointCredits(endpoint, used);
  }

  @Override
  public void liveEnrichEnabled(boolean enabled) {
    workflows.liveEnrichEnabled(enabled);
  }

  @Override
  public void recordLiveFallback() {
    workflows.liveFallback();
  }

  @Override
  public void recordSearch(String status, int people) {
    workflows.search(status, people);
  }

  @Override
  public void recordSearchPage() {
    workflows.searchPage();
  }

  private double headroomRatio() {
    long limit = quotaLimit.get();
    return limit <= 0 ? Double.NaN : (double) quotaRemaining.get() / limit;
  }

  private static double sum(Map<String, Long> byTask) {
    return byTask.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Duration[] millis(long... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofMillis(values[i]);
    }
    return durations;
  }
}
