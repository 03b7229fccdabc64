package io.personenricher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.metrics.EnricherMetrics.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusEnricherMetricsTest {

  private final PrometheusEnricherMetrics metrics =
      new PrometheusEnricherMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 25);

  @Test
  void aReusedAnswerCountsAHitBySourceAndTheCreditsItSavedByEndpoint() {
    metrics.recordReuseHit("application", io.personenricher.quota.Endpoint.ENRICH, 3);
    metrics.recordReuseHit("task", io.personenricher.quota.Endpoint.ENRICH, 0);

    assertThat(metrics.scrape())
        .contains("enricher_reuse_hits_total{source=\"application\"} 1.0")
        .contains("enricher_reuse_hits_total{source=\"task\"} 1.0")
        .contains("enricher_credits_saved_total{endpoint=\"/person/enrich\"} 3.0");
  }

  @Test
  void recordsInAndOutAreCountedPerTopicAndRoute() {
    metrics.recordIn("person.identifiers");
    metrics.recordIn("person.identifiers");
    metrics.recordOut(Route.ENRICHED, "person.enriched", Duration.ofMillis(700));
    metrics.recordOut(Route.UNMATCHED, "person.unmatched", Duration.ofSeconds(3));

    assertThat(metrics.scrape())
        .contains("enricher_records_in_total{topic=\"person.identifiers\"} 2.0")
        .contains("enricher_records_out_total{route=\"enriched\",topic=\"person.enriched\"} 1.0")
        .contains("enricher_records_out_total{route=\"unmatched\",topic=\"person.unmatched\"} 1.0");
  }

  @Test
  void eachTopicRouteAndSourceKeepsItsOwnMeterWhenRecordedAgain() {
    metrics.recordIn("a");
    metrics.recordIn("b");
    metrics.recordIn("a");
    metrics.recordOut(Route.ENRICHED, "x", Duration.ofMillis(100));
    metrics.recordOut(Route.ENRICHED, "y", Duration.ofMillis(100));
    metrics.recordOut(Route.UNMATCHED, "x", Duration.ofMillis(100));
    metrics.recordOut(Route.ENRICHED, "x", Duration.ofMillis(100));
    metrics.recordReuseHit("task", io.personenricher.quota.Endpoint.ENRICH, 1);
    metrics.recordReuseHit("application", io.personenricher.quota.Endpoint.LIVE_ENRICH, 2);
    metrics.recordReuseHit("task", io.personenricher.quota.Endpoint.ENRICH, 1);

    assertThat(metrics.scrape())
        .contains("enricher_records_in_total{topic=\"a\"} 2.0")
        .contains("enricher_records_in_total{topic=\"b\"} 1.0")
        .contains("enricher_records_out_total{route=\"enriched\",topic=\"x\"} 2.0")
        .contains("enricher_records_out_total{route=\"enriched\",topic=\"y\"} 1.0")
        .contains("enricher_records_out_total{route=\"unmatched\",topic=\"x\"} 1.0")
        .contains("enricher_end_to_end_latency_seconds_count{route=\"enriched\"} 3")
        .contains("enricher_end_to_end_latency_seconds_count{route=\"unmatched\"} 1")
        .contains("enricher_reuse_hits_total{source=\"task\"} 2.0")
        .contains("enricher_reuse_hits_total{source=\"application\"} 1.0")
        .contains("enricher_credits_saved_total{endpoint=\"/person/enrich\"} 2.0");
  }

  @Test
  void endToEndLatencyIsAHistogramPerRouteInSeconds() {
    metrics.recordOut(Route.ENRICHED, "person.enriched", Duration.ofMillis(700));
    metrics.recordOut(Route.ENRICHED, "person.enriched", Duration.ofMillis(-5));

    assertThat(metrics.scrape())
        .contains("enricher_end_to_end_latency_seconds_bucket{route=\"enriched\",le=\"0.5\"} 1")
        .contains("enricher_end_to_end_latency_seconds_bucket{route=\"enriched\",le=\"1.0\"} 2")
        .contains("enricher_end_to_end_latency_seconds_count{route=\"enriched\"} 2")
        .contains("enricher_end_to_end_latency_seconds_sum{route=\"enriched\"} 0.7");
  }

  @Test
  void batchesFeedSizeFillAndEventHistogramsAndFlushReasons() {
    metrics.recordBatch(25, 30, FlushReason.SIZE);
    metrics.recordBatch(5, 5, FlushReason.SURPLUS);

    assertThat(metrics.scrape())
        .contains("enricher_batch_identifiers_bucket{le=\"5.0\"} 1")
        .contains("enricher_batch_identifiers_bucket{le=\"24.0\"} 1")
        .contains("enricher_batch_identifiers_bucket{le=\"25.0\"} 2")
        .contains("enricher_batch_identifiers_sum 30.0")
        .contains("enricher_batch_fill_percent_bucket{le=\"10.0\"} 0")
        .contains("enricher_batch_fill_percent_bucket{le=\"20.0\"} 1")
        .contains("enricher_batch_fill_percent_bucket{le=\"90.0\"} 1")
        .contains("enricher_batch_fill_percent_bucket{le=\"100.0\"} 2")
        .contains("enricher_batch_fill_percent_sum 120.0")
        .contains("enricher_batch_events_sum 35.0")
        .contains("enricher_batch_events_count 2")
        .contains("enricher_batches_total{reason=\"size\"} 1.0")
        .contains("enricher_batches_total{reason=\"surplus\"} 1.0");
  }

  @Test
  void requestsInFlightRiseAndFallWithResponses() {
    metrics.requestStarted();
    metrics.requestStarted();
    assertThat(metrics.scrape()).contains("enricher_api_requests_in_flight 2.0");

    metrics.recordResponse("200", Duration.ofMillis(120));
    assertThat(metrics.scrape()).contains("enricher_api_requests_in_flight 1.0");
  }

  @Test
  void responsesAreCountedByStatusWithLatencyAnd429sSeparately() {
    metrics.recordResponse("200", Duration.ofMillis(120));
    metrics.recordResponse("429", Duration.ofMillis(40));
    metrics.recordResponse("timeout", Duration.ofSeconds(30));

    assertThat(metrics.scrape())
        .contains("enricher_api_responses_total{status=\"200\"} 1.0")
        .contains("enricher_api_responses_total{status=\"429\"} 1.0")
        .contains("enricher_api_responses_total{status=\"timeout\"} 1.0")
        .contains("enricher_api_rate_limited_total 1.0")
        .contains("enricher_api_latency_seconds_bucket{status=\"200\",le=\"0.1\"} 0")
        .contains("enricher_api_latency_seconds_bucket{status=\"200\",le=\"0.25\"} 1")
        .contains("enricher_api_latency_seconds_sum{status=\"timeout\"} 30.0")
        .contains("enricher_api_requests_in_flight 0.0");
  }

  @Test
  void quotaHeadroomShowsRemainingLimitAndRatio() {
    assertThat(metrics.scrape()).contains("enricher_api_quota_headroom_ratio NaN");

    metrics.quotaHeadroom(3, 15);

    assertThat(metrics.scrape())
        .contains("enricher_api_quota_remaining 3.0")
        .contains("enricher_api_quota_limit 15.0")
        .contains("enricher_api_quota_headroom_ratio 0.2");
  }

  @Test
  void retriesDeadLettersAndCreditsAreCounted() {
    metrics.recordRetry("rate_limited");
    metrics.recordRetry("rate_limited");
    metrics.recordDeadLetter("invalid_email");
    metrics.recordCredits(3.0);
    metrics.recordCredits(1.5);

    assertThat(metrics.scrape())
        .contains("enricher_retries_total{reason=\"rate_limited\"} 2.0")
        .contains("enricher_dead_letters_total{error_class=\"invalid_email\"} 1.0")
        .contains("enricher_api_credits_used_total 4.5");
  }

  @Test
  void pendingEntriesAreSummedOverTasksAndAClosedTaskDropsOut() {
    metrics.pendingEntries("0_0", 10);
    metrics.pendingEntries("0_1", 5);
    metrics.pendingEntries("0_0", 12);
    assertThat(metrics.scrape()).contains("enricher_pending_entries 17.0");

    metrics.pendingEntries("0_1", 0);
    assertThat(metrics.scrape()).contains("enricher_pending_entries 12.0");
  }

  @Test
  void deadLetterSamplesAreCountedByReasonAndKeptMaskedForTheStatusPage() {
    metrics.recordDeadLetter("server_error");
    metrics.recordDeadLetterSample(
        "RETRIES_EXHAUSTED",
        "server_error",
        "rec-1".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "jane.doe@acme.com");

    assertThat(metrics.scrape())
        .contains("enricher_dead_letters_by_reason_total{reason=\"RETRIES_EXHAUSTED\"} 1.0")
        .doesNotContain("jane");
    MetricsSnapshot snapshot = metrics.snapshot(java.time.Instant.EPOCH);
    assertThat(snapshot.deadLettersByReason()).containsEntry("RETRIES_EXHAUSTED", 1.0);
    assertThat(snapshot.deadLettersByErrorClass()).containsEntry("server_error", 1.0);
    assertThat(snapshot.latestDeadLetters())
        .extracting(RecentDeadLetters.Sample::maskedIdentifier)
        .containsExactly("j***@acme.com");
  }

  @Test
  void batchWaitIsAHistogramWithAMaxInSeconds() {
    metrics.recordBatchWait(Duration.ofSeconds(3));
    metrics.recordBatchWait(Duration.ofMillis(-1));

    assertThat(metrics.scrape())
        .contains("enricher_batch_wait_seconds_bucket{le=\"5.0\"} 2")
        .contains("enricher_batch_wait_seconds_count 2")
        .contains("enricher_batch_wait_seconds_max 3.0");
    assertThat(metrics.snapshot(java.time.Instant.EPOCH).batchWaitMaxSeconds()).isEqualTo(3.0);
  }

  @Test
  void haltGaugeNamesTheReasonAndThreadReplacementsAreCounted() {
    java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> halt =
        new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
    metrics.bindHaltState(halt::get, java.util.List.of("INVALID_API_KEY", "OUT_OF_CREDITS"));
    metrics.recordThreadReplacement();

    assertThat(metrics.scrape())
        .contains("enricher_api_halted{reason=\"INVALID_API_KEY\"} 0.0")
        .contains("enricher_stream_thread_replacements_total 1.0");
    halt.set(java.util.Optional.of("INVALID_API_KEY"));
    assertThat(metrics.scrape())
        .contains("enricher_api_halted{reason=\"INVALID_API_KEY\"} 1.0")
        .contains("enricher_api_halted{reason=\"OUT_OF_CREDITS\"} 0.0");
  }

  @Test
  void aSnapshotReadsTheSameFiguresTheScrapeShows() {
    metrics.recordIn("in");
    metrics.recordIn("in");
    metrics.recordOut(Route.ENRICHED, "out", Duration.ZERO);
    metrics.recordOut(Route.DEAD_LETTER, "dlq", Duration.ZERO);
    metrics.recordBatch(20, 22, FlushReason.SIZE);
    metrics.requestStarted();
    metrics.recordResponse("429", Duration.ofMillis(5));
    metrics.requestStarted();
    metrics.recordRetry("rate_limited");
    metrics.recordCredits(4.5);
    metrics.quotaHeadroom(3, 15);
    metrics.pendingEntries("0_0", 7);

    MetricsSnapshot s = metrics.snapshot(java.time.Instant.EPOCH);

    assertThat(s.recordsIn()).isEqualTo(2.0);
    assertThat(s.recordsOutByRoute())
        .containsEntry("enriched", 1.0)
        .containsEntry("dead_letter", 1.0);
    assertThat(s.batches()).isEqualTo(1.0);
    assertThat(s.batchIdentifiers()).isEqualTo(20.0);
    assertThat(s.batchEvents()).isEqualTo(22.0);
    assertThat(s.rateLimited()).isEqualTo(1.0);
    assertThat(s.retries()).isEqualTo(1.0);
    assertThat(s.credits()).isEqualTo(4.5);
    assertThat(s.inFlight()).isEqualTo(1);
    assertThat(s.pending()).isEqualTo(7);
    assertThat(s.quotaRemaining()).isEqualTo(3);
    assertThat(s.quotaLimit()).isEqualTo(15);
  }

  @Test
  void defaultConstructorAddsJvmMeters() {
    assertThat(new PrometheusEnricherMetrics(25).scrape())
        .contains("jvm_memory_used_bytes")
        .contains("enricher_pending_entries 0.0");
  }

  @Test
  void kafkaStreamsClientMetricsCanBeBound(@TempDir Path stateDir) throws Exception {
    Properties props = new Properties();
    props.put("application.id", "metrics-test");
    props.put("bootstrap.servers", "localhost:1");
    props.put("state.dir", stateDir.toString());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
        AutoCloseable binder = metrics.bindKafkaStreams(streams)) {
      assertThat(metrics.scrape()).contains("kafka_stream_");
    }
  }
}
