package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherSettings;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.personenricher.topology.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The composition root end to end: {@link EnricherApp} built from an {@link EnricherConfig} against
 * a real broker, a real registry and the API simulator over HTTP; its /metrics, /health and /ready
 * observed over HTTP.
 */
@WithKafkaInfra
class EnricherAppIT {

  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private final Broker broker;
  private final SchemaRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private CrustdataSimulator simulator;
  private TopicNames topics;

  EnricherAppIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void startSimulator() {
    simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withRateLimit(1_000, Duration.ofSeconds(10))
                .withLatency(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30))));
    simulator.start();
    topics = Topics.uniqueEnricherTopics("app-in");
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  private EnricherConfig config() {
    return new ConfigLoader(Map.of())
        .load(
            null,
            EnricherSettings.forTest(
                broker,
                registry,
                topics,
                simulator.baseUrl(),
                SimulatorSettings.DEFAULT_API_KEY,
                "app"));
  }

  private Workload produce(int events, long seed) {
    Workload workload = Workload.mixed(simulator.people(), events, 3, 10, seed);
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        workload.records(topics.input()));
    return workload;
  }

  private HttpResponse<String> get(EnricherApp app, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private PrometheusText scrape(EnricherApp app) throws Exception {
    HttpResponse<String> response = get(app, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return new PrometheusText(response.body());
  }

  @Test
  void missingTopicsFailTheStartNamingEachTopicAndTheFix() {
    EnricherConfig config = config();

    assertThatThrownBy(() -> EnricherApp.start(config, EnricherApp.Options.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Missing topics")
        .hasMessageContaining(topics.input())
        .hasMessageContaining(topics.deadLetter())
        .hasMessageContaining("--create-topics");
  }

  @Test
  void processesAWorkloadExposesRealMetricsAndReportsAHaltOnReadiness() throws Exception {
    try (EnricherApp app =
            EnricherApp.start(config(), EnricherApp.Options.defaults().withTopicCreation(2));
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(get(app, "/health").statusCode()).isEqualTo(200);
      assertThat(get(app, "/ready").statusCode()).isEqualTo(200);

      Workload workload = produce(300, 11);
      ledger.awaitKeys(workload.size(), DEADLINE);
      ledger.readToEnd();
      assertThat(ledger.duplicates()).isEmpty();

      // The pending gauge drops back once the last outputs are committed; everything else is final
      // by now.
      Awaitility.await("pending entries back to 0")
          .atMost(Duration.ofSeconds(30))
          .until(() -> scrape(app).sum("enricher_pending_entries", l -> true) == 0.0);
      PrometheusText metrics = scrape(app);
      assertThat(
              metrics.sum(
                  "enricher_records_in_total", l -> l.contains("topic=\"" + topics.input() + "\"")))
          .isEqualTo(300.0);
      assertThat(metrics.sum("enricher_records_out_total", l -> true)).isEqualTo(300.0);
      assertThat(
              metrics.sum(
                  "enricher_records_out_total",
                  l ->
                      l.contains("topic=\"" + topics.enriched() + "\"")
                          && l.contains("route=\"enriched\"")))
          .isEqualTo(ledger.keysOn(topics.enriched()).size());
      assertThat(
              metrics.sum(
                  "enricher_records_out_total",
                  l -> l.contains("topic=\"" + topics.deadLetter() + "\"")))
          .isEqualTo(workload.invalidKeys().size());
      assertThat(metrics.sum("enricher_dead_letters_total", l -> true))
          .isEqualTo(workload.invalidKeys().size());
      assertThat(metrics.sum("enricher_batch_identifiers_count", l -> true)).isPositive();
      assertThat(metrics.sum("enricher_batch_fill_percent_count", l -> true)).isPositive();
      assertThat(metrics.sum("enricher_batches_total", l -> true))
          .isEqualTo(metrics.sum("enricher_batch_identifiers_count", l -> true));
      assertThat(metrics.sum("enricher_api_responses_total", l -> l.contains("status=\"200\"")))
          .isEqualTo(simulator.stats().count(200));
      assertThat(metrics.sum("enricher_api_responses_total", l -> l.contains("status=\"200\"")))
          .isPositive();
      assertThat(metrics.sum("enricher_api_latency_seconds_count", l -> true)).isPositive();
      assertThat(metrics.sum("enricher_api_credits_used_total", l -> true))
          .isPositive()
          .isEqualTo(app.client().creditsUsed());
      assertThat(metrics.sum("enricher_api_requests_in_flight", l -> true)).isZero();
      assertThat(metrics.sum("enricher_end_to_end_latency_seconds_count", l -> true))
          .isEqualTo(300.0);
      assertThat(metrics.names()).anyMatch(n -> n.startsWith("kafka_"));

      // A halt: the key stops being valid. Readiness reports it with the reason; liveness stays up.
      simulator.setApiKeys(Set.of("some-other-key"), Set.of());
      produce(20, 12);
      Awaitility.await("/ready reports the halt")
          .atMost(DEADLINE)
          .until(() -> get(app, "/ready").statusCode() == 503);
      HttpResponse<String> ready = get(app, "/ready");
      assertThat(ready.body())
          .contains("\"status\":\"halted\"")
          .contains("INVALID_API_KEY")
          .contains("ENRICHER_API_KEY");
      assertThat(get(app, "/health").statusCode()).isEqualTo(200);
      assertThat(app.client().haltReason()).isPresent();

      // The key is fixed: a probe succeeds, readiness comes back and the backlog completes.
      simulator.setApiKeys(Set.of(SimulatorSettings.DEFAULT_API_KEY), Set.of());
      Awaitility.await("/ready back to 200")
          .atMost(DEADLINE)
          .until(() -> get(app, "/ready").statusCode() == 200);
      // The second workload reuses the keys rec-0..rec-19, so count records rather than keys.
      Awaitility.await("the 20 events held during the halt have their outputs")
          .atMost(DEADLINE)
          .until(() -> ledger.readToEnd().records() >= workload.size() + 20);
      assertThat(ledger.records()).isEqualTo(workload.size() + 20);
    }
  }

  @Test
  void closeDrainsInFlightRequestsAndStopsWithinTheShutdownTimeout() throws Exception {
    simulator.setLatency(LatencyModel.fixed(Duration.ofMillis(400)));
    EnricherApp app =
        EnricherApp.start(config(), EnricherApp.Options.defaults().withTopicCreation(2));
    produce(200, 13);
    Awaitility.await("requests in flight")
        .atMost(DEADLINE)
        .until(() -> app.activity().inFlightRequests() > 0);

    long start = System.nanoTime();
    app.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(app.activity().inFlightRequests()).isZero();
    assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    assertThat(app.stopped()).isCompletedWithValue(KafkaStreams.State.NOT_RUNNING);
  }

  /**
   * Just enough of the Prometheus text format: sums of samples by metric name and a label
   * predicate.
   */
  private record PrometheusText(String body) {

    double sum(String name, Predicate<String> labels) {
      double total = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String metric =
            brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
        String labelText =
            brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
        if (metric.equals(name) && labels.test(labelText)) {
          total += Double.parseDouble(line.substring(space + 1));
        }
      }
      return total;
    }

    java.util.List<String> names() {
      return body.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(
              l ->
                  l.contains("{") ? l.substring(0, l.indexOf('{')) : l.substring(0, l.indexOf(' ')))
          .toList();
    }
  }
}
