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
    metrics.recordBatch(5, 5, FlushReason.LINGER);

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
        .contains("enricher_batches_total{reason=\"linger\"} 1.0");
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
