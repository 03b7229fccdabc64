package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test, scaled down: the API's 15 requests per 60 s become 15 per 1 s, on
 * both sides. Pacing is checked on the simulator's arrival times, never against a wall-clock upper
 * bound.
 */
class ClientPacingTest {

  private static final String KEY = "pacing-key";
  private static final int LIMIT = 15;
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private Vertx vertx;
  private CrustdataSimulator sim;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sim =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withDataset(1_000, 3)
                .withRateLimit(LIMIT, WINDOW)
                .withApiKeys(Set.of(KEY), Set.of()));
    sim.start();
  }

  @AfterEach
  void stop() {
    sim.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private VertxEnrichClient client(int maxInFlight, Duration maxJitter) {
    return new VertxEnrichClient(
        vertx,
        new ClientSettings(
            URI.create(sim.baseUrl()),
            KEY,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            maxInFlight,
            maxInFlight,
            256,
            LIMIT,
            WINDOW,
            0,
            maxJitter,
            Duration.ofSeconds(60)),
        EnricherMetrics.NOOP);
  }

  private EnrichRequest request(int i) {
    return new EnrichRequest(
        IdentifierKind.PROFILE_URL, List.of(sim.people().profileUrlOf(i)), List.of(), null);
  }

  @Test
  void hundredBackToBackRequestsAtFifteenPerWindowEarnNo429AndNeverExceedTheWindow() {
    try (VertxEnrichClient client = client(4, Duration.ofMillis(50))) {
      List<CompletionStage<EnrichOutcome>> stages =
          IntStream.range(0, 100).mapToObj(i -> client.enrich(request(i))).toList();
      List<EnrichOutcome> outcomes = stages.stream().map(ClientPacingTest::outcomeOf).toList();

      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(EnrichOutcome.Success.class));
      assertThat(sim.stats().rateLimited429()).isZero();
      assertThat(sim.stats().requestsReceived()).isEqualTo(100);
      List<Long> arrivals = sim.arrivalNanos();
      assertThat(arrivals).hasSize(100);
      assertThat(maxArrivalsInAnyWindow(arrivals)).isLessThanOrEqualTo(LIMIT);
      assertThat(sim.stats().maxRequestsInAnyWindow()).isLessThanOrEqualTo(LIMIT);
      // 100 requests at 15 per window: requests 91-100 cannot start before six full windows have
      // passed.
      assertThat(Duration.ofNanos(arrivals.get(99) - arrivals.get(0)))
          .isGreaterThanOrEqualTo(WINDOW.multipliedBy(6));
    }
  }

  @Test
  void afterA429TheNextRequestWaitsForTheReset() {
    sim.setFaults(FaultSettings.none().withForced429(1));
    try (VertxEnrichClient client = client(4, Duration.ofMillis(100))) {
      Instant before = Instant.now();
      EnrichOutcome limited = outcomeOf(client.enrich(request(0)));
      assertThat(limited)
          .isInstanceOfSatisfying(
              EnrichOutcome.Retriable.class,
              r -> {
                assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.RATE_LIMITED);
                // x-ratelimit-reset was 1 s (an empty 1 s window); jitter adds at most 100 ms.
                assertThat(r.notBefore())
                    .isBetween(before.plus(WINDOW), Instant.now().plus(WINDOW).plusMillis(100));
              });
      assertThat(client.delayUntilNextPermit()).isPositive();
      assertThat(outcomeOf(client.enrich(request(1)))).isInstanceOf(EnrichOutcome.Success.class);
      List<Long> arrivals = sim.arrivalNanos();
      assertThat(arrivals).hasSize(2);
      assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
          .isGreaterThanOrEqualTo(WINDOW);
      assertThat(sim.stats().rateLimited429()).isEqualTo(1);
    }
  }

  @Test
  void slowsDownWhenTheServerReportsNoRemainingQuotaUsedByAnotherClient() {
    try (VertxEnrichClient other = client(1, Duration.ZERO);
        VertxEnrichClient client = client(1, Duration.ZERO)) {
      // Another user of the same key takes 14 of the 15 requests in the window.
      IntStream.range(0, 14)
          .mapToObj(i -> other.enrich(request(i)))
          .toList()
          .forEach(ClientPacingTest::outcomeOf);
      List<CompletionStage<EnrichOutcome>> mine =
          IntStream.range(0, 5).mapToObj(i -> client.enrich(request(100 + i))).toList();
      assertThat(mine.stream().map(ClientPacingTest::outcomeOf).toList())
          .allSatisfy(o -> assertThat(o).isInstanceOf(EnrichOutcome.Success.class));
      assertThat(sim.stats().rateLimited429()).isZero();
      assertThat(maxArrivalsInAnyWindow(sim.arrivalNanos())).isLessThanOrEqualTo(LIMIT);
    }
  }

  private static int maxArrivalsInAnyWindow(List<Long> arrivals) {
    int max = 0;
    int start = 0;
    for (int end = 0; end < arrivals.size(); end++) {
      while (arrivals.get(end) - arrivals.get(start) >= WINDOW.toNanos()) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  private static EnrichOutcome outcomeOf(CompletionStage<EnrichOutcome> stage) {
    return VertxEnrichClientTest.outcomeOf(stage);
  }
}
