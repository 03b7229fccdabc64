package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.ClientSettings;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.IdentifierKind;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quota and the HTTP client against the simulator over real HTTP, the API's 15 requests per 60
 * s scaled to 15 per 1 s on both sides. Pacing is judged on the simulator's arrival times, never on
 * a wall-clock bound.
 */
class QuotaPacingTest {

  private static final String KEY = "pacing-key";
  private static final int LIMIT = 15;
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private Vertx vertx;
  private CrustdataSimulator sim;
  private final List<CompletableFuture<EnrichOutcome>> answers = new CopyOnWriteArrayList<>();
  private final List<Permit> permits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sim = simulator(LIMIT);
  }

  private CrustdataSimulator simulator(int limit) {
    CrustdataSimulator simulator =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withDataset(1_000, 3)
                .withRateLimit(limit, WINDOW)
                .withApiKeys(Set.of(KEY), Set.of()));
    simulator.start();
    return simulator;
  }

  @AfterEach
  void stop() {
    sim.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private LedgerPermitBroker broker(Optional<Integer> cap) {
    QuotaSettings settings = QuotaSettings.defaults("pacing").withWindow(WINDOW, cap);
    return new LedgerPermitBroker(
        settings, new InMemoryQuotaLedger(), QuotaMetrics.NOOP, () -> 0.0);
  }

  private VertxEnrichClient client(QuotaFeedback feedback) {
    return new VertxEnrichClient(
        vertx,
        new ClientSettings(
            URI.create(sim.baseUrl()),
            KEY,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            4,
            4,
            256,
            Duration.ofSeconds(60)),
        EnricherMetrics.NOOP,
        feedback,
        Clock.systemUTC());
  }

  private EnrichRequest request(int i) {
    return new EnrichRequest(
        IdentifierKind.PROFILE_URL, List.of(sim.people().profileUrlOf(i)), List.of(), null);
  }

  /** One task that always has full batches: offers, and sends on every permit, until {@code n}. */
  private void sendOnPermits(LedgerPermitBroker broker, VertxEnrichClient client, int n) {
    sendOnPermits(broker, client, n, false);
  }

  /**
   * @param oneAtATime offer again only once the previous request is answered (as a task whose
   *     in-flight bound is 1), so the quota has heard each answer before the next permit
   */
  private void sendOnPermits(
      LedgerPermitBroker broker, VertxEnrichClient client, int n, boolean oneAtATime) {
    Awaitility.await("all requests sent on permits")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              if (oneAtATime && !answers.isEmpty() && !answers.get(answers.size() - 1).isDone()) {
                return false;
              }
              Optional<Permit> permit =
                  broker.offer(
                      Endpoint.ENRICH,
                      "0_0",
                      new Demand(n - answers.size(), 0, 0, 0),
                      System.currentTimeMillis());
              permit.ifPresent(
                  p -> {
                    permits.add(p);
                    answers.add(client.enrich(request(answers.size()), p).toCompletableFuture());
                  });
              return answers.size() >= n;
            });
  }

  private static EnrichOutcome outcomeOf(CompletableFuture<EnrichOutcome> answer) {
    try {
      return answer.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void hundredRequestsAtFifteenPerWindowEarnNo429NeverExceedTheWindowAndAreSpreadOut() {
    LedgerPermitBroker broker = broker(Optional.of(LIMIT));
    try (VertxEnrichClient client = client(broker)) {
      sendOnPermits(broker, client, 100);
      List<EnrichOutcome> outcomes = answers.stream().map(QuotaPacingTest::outcomeOf).toList();

      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(EnrichOutcome.Success.class));
      assertThat(sim.stats().rateLimited429()).isZero();
      List<Long> arrivals = sim.arrivalNanos();
      assertThat(arrivals).hasSize(100);
      assertThat(sim.stats().maxRequestsInAnyWindow()).isLessThanOrEqualTo(LIMIT);
      assertThat(Duration.ofNanos(arrivals.get(99) - arrivals.get(0)))
          .isGreaterThanOrEqualTo(WINDOW.multipliedBy(6));
      // Spread through the window, not burst at its start: the schedule puts consecutive requests
      // at least one slot (window / limit) apart, and the arrivals follow it. A loaded machine may
      // delay one send so that the next lands close behind it: a few such pairs are jitter, a
      // burst is not.
      long slotMs = WINDOW.toMillis() / LIMIT;
      for (int i = 1; i < permits.size(); i++) {
        assertThat(permits.get(i).sendAtMs() - permits.get(i - 1).sendAtMs())
            .isGreaterThanOrEqualTo(slotMs);
      }
      long slotNanos = WINDOW.toNanos() / LIMIT;
      long closePairs =
          java.util.stream.IntStream.range(1, arrivals.size())
              .filter(i -> arrivals.get(i) - arrivals.get(i - 1) <= slotNanos / 2)
              .count();
      assertThat(closePairs).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void theKeysLimitFromTheApiIsAdoptedWhenNoCapIsSet() {
    sim.close();
    sim = simulator(60);
    LedgerPermitBroker broker = broker(Optional.empty());
    try (VertxEnrichClient client = client(broker)) {
      sendOnPermits(broker, client, 40);
      answers.forEach(QuotaPacingTest::outcomeOf);

      List<Long> arrivals = sim.arrivalNanos();
      // The documented limit (15 per minute) scaled to a 1 s window is one request per window
      // (1.1 s apart); once the API said 60, requests come a slot of 1.1 s / 60 apart.
      List<Long> gaps = new java.util.ArrayList<>();
      for (int i = 10; i < arrivals.size(); i++) {
        gaps.add(arrivals.get(i) - arrivals.get(i - 1));
      }
      gaps.sort(Long::compare);
      assertThat(Duration.ofNanos(gaps.get(gaps.size() / 2))).isLessThan(Duration.ofMillis(100));
      assertThat(sim.stats().rateLimited429()).isZero();
      assertThat(sim.stats().maxRequestsInAnyWindow()).isLessThanOrEqualTo(60);
    }
  }

  @Test
  void afterA429EveryPermitWaitsForTheReset() {
    sim.setFaults(FaultSettings.none().withForced429(1));
    LedgerPermitBroker broker = broker(Optional.of(LIMIT));
    try (VertxEnrichClient client = client(broker)) {
      sendOnPermits(broker, client, 1);
      outcomeOf(answers.get(0));
      sendOnPermits(broker, client, 2);
      answers.forEach(QuotaPacingTest::outcomeOf);

      List<Long> arrivals = sim.arrivalNanos();
      assertThat(arrivals).hasSize(2);
      assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
          .isGreaterThanOrEqualTo(WINDOW);
      assertThat(sim.stats().rateLimited429()).isEqualTo(1);
    }
  }

  @Test
  void whenAnotherUserOfTheKeyUsedItUpTheQuotaWaitsForTheResetInsteadOfEarningA429() {
    LedgerPermitBroker broker = broker(Optional.of(LIMIT));
    try (VertxEnrichClient other = client(QuotaFeedback.IGNORE);
        VertxEnrichClient client = client(broker)) {
      IntStream.range(0, 14)
          .mapToObj(i -> other.enrich(request(i)).toCompletableFuture())
          .toList()
          .forEach(QuotaPacingTest::outcomeOf);

      sendOnPermits(broker, client, 5, true);

      assertThat(answers.stream().map(QuotaPacingTest::outcomeOf).toList())
          .allSatisfy(o -> assertThat(o).isInstanceOf(EnrichOutcome.Success.class));
      assertThat(sim.stats().rateLimited429()).isZero();
    }
  }
}
