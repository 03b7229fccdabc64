package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personenricher.client.HaltReason;
import io.personenricher.metrics.PrometheusEnricherMetrics;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<ProbeStatus> liveness = new AtomicReference<>(ProbeStatus.up("up"));
  private final AtomicReference<ProbeStatus> readiness =
      new AtomicReference<>(Probes.readiness(KafkaStreams.State.REBALANCING, Optional.empty()));
  private final PrometheusEnricherMetrics metrics =
      new PrometheusEnricherMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 25);
  private final AtomicReference<Map<String, Object>> status =
      new AtomicReference<>(Map.of("totals", Map.of("in", 3)));
  private final OpsServer server =
      new OpsServer(vertx, 0, liveness::get, readiness::get, metrics::scrape, status::get);

  @AfterEach
  void tearDown() {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, Object> body(HttpResponse<String> response) throws Exception {
    return json.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
  }

  @Test
  void healthAnswers200WhileAliveAnd503WhenFailed() throws Exception {
    int port = server.start(Duration.ofSeconds(10));
    assertThat(port).isPositive();

    HttpResponse<String> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(body(up)).isEqualTo(Map.of("status", "up"));

    liveness.set(Probes.liveness(KafkaStreams.State.ERROR, false));
    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(body(down))
        .containsEntry("status", "failed")
        .containsEntry("reason", "Kafka Streams is ERROR");
  }

  @Test
  void readyIs503UntilRunningThen200AndSaysWhyWhenHalted() throws Exception {
    server.start(Duration.ofSeconds(10));

    HttpResponse<String> starting = get("/ready");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(body(starting)).containsEntry("status", "rebalancing");

    readiness.set(Probes.readiness(KafkaStreams.State.RUNNING, Optional.empty()));
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(body(ready)).isEqualTo(Map.of("status", "ready"));

    readiness.set(
        Probes.readiness(KafkaStreams.State.RUNNING, Optional.of(HaltReason.INVALID_API_KEY)));
    HttpResponse<String> halted = get("/ready");
    assertThat(halted.statusCode()).isEqualTo(503);
    Map<String, Object> body = body(halted);
    assertThat(body).containsEntry("status", "halted").containsEntry("reason", "INVALID_API_KEY");
    assertThat((String) body.get("action"))
        .startsWith("fix enricher.api.key (env ENRICHER_API_KEY)");
  }

  @Test
  void theStatusPageAndItsFilesAreServedAndTheDocumentIsJson() throws Exception {
    server.start(Duration.ofSeconds(10));

    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>person-enricher status</title>", "/status.js");
    for (String file :
        new String[] {
          "/status.js", "/status.css", "/vendor/uPlot.iife.min.js", "/vendor/uPlot.min.css"
        }) {
      assertThat(get(file).statusCode()).as(file).isEqualTo(200);
    }
    assertThat(get("/status.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/ops/index.html").statusCode()).isEqualTo(404);

    HttpResponse<String> doc = get("/status.json");
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(body(doc)).isEqualTo(Map.of("totals", Map.of("in", 3)));
  }

  @Test
  void aThrowingCheckAnswers503InsteadOfHanging() throws Exception {
    OpsServer broken =
        new OpsServer(
            vertx,
            0,
            () -> {
              throw new IllegalStateException("boom");
            },
            readiness::get,
            metrics::scrape,
            status::get);
    int port = broken.start(Duration.ofSeconds(10));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("boom");
    } finally {
      broken.close();
    }
  }

  @Test
  void metricsServesThePrometheusTextWithRealValues() throws Exception {
    server.start(Duration.ofSeconds(10));
    metrics.recordIn("person.identifiers");
    metrics.recordBatch(25, 25, io.personenricher.metrics.EnricherMetrics.FlushReason.SIZE);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("enricher_records_in_total{topic=\"person.identifiers\"} 1.0")
        .contains("enricher_batches_total{reason=\"size\"} 1.0");
  }

  @Test
  void unknownPathIs404() throws Exception {
    server.start(Duration.ofSeconds(10));

    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aTakenPortFailsStartWithTheReason() {
    int port = server.start(Duration.ofSeconds(10));
    OpsServer second =
        new OpsServer(vertx, port, liveness::get, readiness::get, metrics::scrape, status::get);

    assertThatThrownBy(() -> second.start(Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Could not start the ops HTTP server on port " + port);
  }
}
