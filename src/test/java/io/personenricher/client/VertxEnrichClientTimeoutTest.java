package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.testutil.NeverAnsweringServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own deadline against servers that never finish an answer: a request it timed out
 * must give up its connection before the next one goes, or more than the bound are on the wire.
 */
class VertxEnrichClientTimeoutTest {

  private static final int MAX_IN_FLIGHT = 1;
  private static final int POOL_SIZE = 4;
  private static final int REQUESTS = 4;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void timedOutRequestsToASilentServerNeverLeaveMoreThanTheBoundOnTheWire() {
    try (NeverAnsweringServer server = NeverAnsweringServer.silent()) {
      assertTheBoundHolds(server);
    }
  }

  @Test
  void timedOutRequestsToAServerThatKeepsTricklingNeverLeaveMoreThanTheBoundOnTheWire() {
    try (NeverAnsweringServer server = NeverAnsweringServer.trickling()) {
      assertTheBoundHolds(server);
    }
  }

  private void assertTheBoundHolds(NeverAnsweringServer server) {
    VertxEnrichClient client =
        new VertxEnrichClient(vertx, settings(server.baseUrl()), EnricherMetrics.NOOP);
    try {
      List<CompletionStage<EnrichOutcome>> stages =
          IntStream.range(0, REQUESTS).mapToObj(i -> client.enrich(request())).toList();

      for (CompletionStage<EnrichOutcome> stage : stages) {
        assertThat(outcomeOf(stage))
            .isInstanceOfSatisfying(
                EnrichOutcome.Retriable.class,
                r ->
                    assertThat(r.reason())
                        .as(r.message())
                        .isEqualTo(EnrichOutcome.RetryReason.TIMEOUT));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> client.inFlightRequests() == 0);
      assertThat(server.requestsReceived())
          .as("requests that reached the server (the rest timed out while connecting)")
          .isPositive();
      assertThat(server.maxOpenConnections())
          .as("connections the server saw open at once")
          .isLessThanOrEqualTo(MAX_IN_FLIGHT);
    } finally {
      client.close();
    }
  }

  private static ClientSettings settings(String baseUrl) {
    return new ClientSettings(
        URI.create(baseUrl),
        "sk-test",
        Duration.ofSeconds(2),
        Duration.ofMillis(250),
        POOL_SIZE,
        MAX_IN_FLIGHT,
        64,
        Duration.ofSeconds(30));
  }

  private static EnrichRequest request() {
    return new EnrichRequest(
        IdentifierKind.PROFILE_URL,
        List.of("https://www.linkedin.com/in/nobody-answers"),
        List.of(),
        null);
  }

  private static EnrichOutcome outcomeOf(CompletionStage<EnrichOutcome> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stage must complete normally", e);
    }
  }
}
