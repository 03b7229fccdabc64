package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Several instances sharing one key through one ledger, in simulated time (a 20 ms ledger round
 * trip, every instance catching up and offering every 10 ms): the sends of all instances together
 * never exceed the key's limit in any window, the permits are used while work waits, and each
 * instance's share follows its demand.
 */
class SharedQuotaTest {

  private static final int LIMIT = 15;
  private static final Duration WINDOW = Duration.ofSeconds(6);
  private static final long STEP_MS = 10;

  private long now = 1_000_000;
  private final SharedTestLedger ledger = new SharedTestLedger(() -> now, 20);
  private final Map<String, LedgerPermitBroker> brokers = new HashMap<>();
  private final Map<String, List<Long>> sends = new HashMap<>();

  private LedgerPermitBroker start(String instance) {
    QuotaSettings settings =
        QuotaSettings.defaults(instance).withWindow(WINDOW, Optional.of(LIMIT));
    LedgerPermitBroker broker =
        new LedgerPermitBroker(settings, ledger.reader(), QuotaMetrics.NOOP, () -> 0.5);
    brokers.put(instance, broker);
    sends.put(instance, new ArrayList<>());
    return broker;
  }

  /** Runs the instances for {@code duration}; each sends on every permit its demand earns. */
  private void run(Duration duration, Map<String, Integer> demand) {
    long end = now + duration.toMillis();
    for (; now < end; now += STEP_MS) {
      for (Map.Entry<String, LedgerPermitBroker> instance : brokers.entrySet()) {
        LedgerPermitBroker broker = instance.getValue();
        broker.catchUp(now, 0);
        int batches = demand.getOrDefault(instance.getKey(), 0);
        Optional<Permit> permit =
            broker.offer(Endpoint.ENRICH, "task", new Demand(batches, 0, 0, 0), now);
        permit.ifPresent(p -> sends.get(instance.getKey()).add(p.sendAtMs()));
      }
    }
  }

  private List<Long> allSends() {
    List<Long> all = new ArrayList<>();
    sends.values().forEach(all::addAll);
    all.sort(Long::compare);
    return all;
  }

  private long sentBetween(String instance, long fromMs, long toMs) {
    return sends.get(instance).stream().filter(t -> t >= fromMs && t < toMs).count();
  }

  @Test
  void threeSaturatedInstancesNeverExceedTheLimitTogetherAndSplitItEvenly() {
    start("a");
    start("b");
    start("c");
    long from = now;

    run(Duration.ofSeconds(60), Map.of("a", 1_000, "b", 1_000, "c", 1_000));

    List<Long> all = allSends();
    assertThat(WindowCounts.maxInAnyWindow(all, WINDOW)).isLessThanOrEqualTo(LIMIT);
    // Permits used: at least 95 % of the limit over the run (ten windows).
    assertThat(all.size()).isGreaterThanOrEqualTo((int) (0.95 * 10 * LIMIT));
    for (String instance : List.of("a", "b", "c")) {
      assertThat(sentBetween(instance, from, now)).isBetween(40L, 60L);
    }
  }

  @Test
  void aHotInstanceTakesWhatTheQuietOnesLeave() {
    start("hot");
    start("quiet-1");
    start("quiet-2");
    Map<String, Integer> demand = new HashMap<>(Map.of("hot", 1_000));
    long from = now;

    run(Duration.ofSeconds(60), demand);

    assertThat(sentBetween("hot", from, now)).isGreaterThanOrEqualTo((long) (0.95 * 10 * LIMIT));
    assertThat(sentBetween("quiet-1", from, now)).isZero();
    assertThat(WindowCounts.maxInAnyWindow(allSends(), WINDOW)).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void sharesMoveWithinSecondsOfAScaleOutAndOfAnInstanceVanishing() {
    start("a");
    run(Duration.ofSeconds(12), Map.of("a", 1_000));
    start("b");
    long joined = now;
    run(Duration.ofSeconds(24), Map.of("a", 1_000, "b", 1_000));
    assertThat(sentBetween("b", joined + 6_000, now)).isGreaterThan(10);

    brokers.remove("a");
    long vanished = now;
    run(Duration.ofSeconds(18), Map.of("b", 1_000));

    // "a" held a horizon of slots when it vanished; they pass unused, then "b" has them all.
    assertThat(sentBetween("b", vanished + 3_000, now))
        .isGreaterThanOrEqualTo((long) (0.95 * 2.5 * LIMIT));
    assertThat(WindowCounts.maxInAnyWindow(allSends(), WINDOW)).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void moreInstancesThanPermitsEachGetOneEveryFewWindows() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add("i" + i);
      start("i" + i);
    }
    Map<String, Integer> demand = new HashMap<>();
    names.forEach(n -> demand.put(n, 5));
    long from = now;

    run(Duration.ofSeconds(60), demand);

    assertThat(WindowCounts.maxInAnyWindow(allSends(), WINDOW)).isLessThanOrEqualTo(LIMIT);
    for (String name : names) {
      assertThat(sentBetween(name, from, now)).as(name).isPositive();
    }
  }

  @Test
  void aPauseFromOneInstancesTooManyRequestsHoldsEveryInstance() {
    LedgerPermitBroker a = start("a");
    start("b");
    run(Duration.ofSeconds(3), Map.of("a", 100, "b", 100));

    a.answered(Endpoint.ENRICH, LIMIT, 0, 5.0, true, now - 300, now);
    long pausedAt = now;
    run(Duration.ofSeconds(10), Map.of("a", 100, "b", 100));

    for (String instance : List.of("a", "b")) {
      assertThat(sentBetween(instance, pausedAt, pausedAt + 5_000)).as(instance).isZero();
      assertThat(sentBetween(instance, pausedAt + 6_000, now)).as(instance).isPositive();
    }
  }

  @Test
  void lingeringPartialBatchesOfTwoInstancesStillGetPermitsWhenNothingElseWaits() {
    start("a");
    start("b");
    long from = now;
    long end = now + 20_000;
    for (; now < end; now += STEP_MS) {
      for (Map.Entry<String, LedgerPermitBroker> instance : brokers.entrySet()) {
        LedgerPermitBroker broker = instance.getValue();
        broker.catchUp(now, 0);
        Optional<Permit> permit =
            broker.offer(Endpoint.ENRICH, "task", new Demand(0, 0, 1, from), now);
        permit.ifPresent(p -> sends.get(instance.getKey()).add(p.sendAtMs()));
      }
    }

    assertThat(sentBetween("a", from, now)).isPositive();
    assertThat(sentBetween("b", from, now)).isPositive();
    assertThat(WindowCounts.maxInAnyWindow(allSends(), WINDOW)).isLessThanOrEqualTo(LIMIT);
  }
}
