package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.ledger.InMemoryLog;
import io.personenricher.ledger.LogEntry;
import io.personenricher.ledger.SharedLog;
import io.personenricher.quota.Endpoint;
import io.personenricher.testutil.MutableClock;
import io.personenricher.testutil.SharedTestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class LedgerCreditBudgetTest {

  /** A period start: the periods are PT1M, aligned to the epoch. */
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private static final BudgetPeriod MINUTE = BudgetPeriod.parse("PT1M");
  private static final BudgetSettings HUNDRED =
      new BudgetSettings(
          java.util.Optional.of(100.0), MINUTE, Duration.ofSeconds(30), Duration.ofSeconds(5));

  private final MutableClock clock = new MutableClock(START);
  private final RecordingCreditMetrics metrics = new RecordingCreditMetrics();

  private LedgerCreditBudget local() {
    return new LedgerCreditBudget(HUNDRED, new InMemoryLog<>(clock), "me", metrics, clock);
  }

  private LedgerCreditBudget on(SharedLog<CreditRecord> log, String spender) {
    return new LedgerCreditBudget(HUNDRED, log, spender, metrics, clock);
  }

  private static BudgetDecision now(CompletionStage<BudgetDecision> decision) {
    CompletableFuture<BudgetDecision> future = decision.toCompletableFuture();
    assertThat(future).as("decided").isDone();
    return future.join();
  }

  private static Reservation granted(CompletionStage<BudgetDecision> decision) {
    BudgetDecision decided = now(decision);
    assertThat(decided).isInstanceOf(BudgetDecision.Granted.class);
    return ((BudgetDecision.Granted) decided).reservation();
  }

  @Test
  void settledCreditsCountInTheirPeriodAndANewPeriodStartsWithNothingSpent() {
    LedgerCreditBudget budget = local();
    Reservation first = granted(budget.reserve(Endpoint.ENRICH, 30));

    assertThat(budget.status().reserved()).isEqualTo(30);

    budget.settle(first, 20);
    BudgetStatus status = budget.status();
    assertThat(status.spent()).isEqualTo(20);
    assertThat(status.reserved()).isZero();
    assertThat(status.left()).contains(80.0);
    assertThat(status.usedRatio()).isEqualTo(0.2);
    String firstPeriod = status.period().id();

    clock.advance(Duration.ofMinutes(1));

    assertThat(budget.status().period().id()).isNotEqualTo(firstPeriod);
    assertThat(budget.status().spent()).isZero();
    assertThat(budget.spentIn(firstPeriod)).isEqualTo(20);
  }

  @Test
  void aReservationThatStraddlesTheRollOverSettlesInThePeriodItWasGrantedIn() {
    LedgerCreditBudget budget = local();
    Reservation before = granted(budget.reserve(Endpoint.ENRICH, 25));
    String firstPeriod = budget.status().period().id();

    clock.advance(Duration.ofSeconds(61));
    budget.settle(before, 25);

    assertThat(budget.spentIn(firstPeriod)).isEqualTo(25);
    assertThat(budget.status().spent()).isZero();
  }

  @Test
  void aRequestThatWouldCrossTheBudgetIsDeniedAndTheBudgetHaltsUntilTheNextPeriod() {
    LedgerCreditBudget budget = local();
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 60)), 60);

    BudgetDecision denied = now(budget.reserve(Endpoint.ENRICH, 50));

    assertThat(denied).isInstanceOf(BudgetDecision.Denied.class);
    assertThat(((BudgetDecision.Denied) denied).resumesAt()).isEqualTo(START.plusSeconds(60));
    assertThat(((BudgetDecision.Denied) denied).message())
        .contains("60 of 100 credits")
        .contains("may cost 50");
    assertThat(budget.exhaustedUntil()).contains(START.plusSeconds(60));
    assertThat(budget.status().reserved()).as("the denied ask is withdrawn").isZero();
    assertThat(metrics.denied).containsExactly(Endpoint.ENRICH);

    clock.advance(Duration.ofSeconds(59));
    assertThat(budget.exhaustedUntil()).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(budget.exhaustedUntil()).isEmpty();
    granted(budget.reserve(Endpoint.ENRICH, 50));
  }

  @Test
  void aRequestThatFitsExactlyIsGranted() {
    LedgerCreditBudget budget = local();
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 75)), 75);

    granted(budget.reserve(Endpoint.ENRICH, 25));
  }

  @Test
  void raisingTheBudgetEndsTheHaltAtOnce() {
    LedgerCreditBudget budget = local();
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 90)), 90);
    assertThat(now(budget.reserve(Endpoint.ENRICH, 25))).isInstanceOf(BudgetDecision.Denied.class);

    budget.raiseTo(200);

    assertThat(budget.exhaustedUntil()).isEmpty();
    assertThat(budget.status().effective()).contains(200.0);
    assertThat(budget.status().override()).contains(200.0);
    granted(budget.reserve(Endpoint.ENRICH, 25));
  }

  @Test
  void aRaiseBelowTheConfiguredBudgetDoesNotLowerIt() {
    LedgerCreditBudget budget = local();
    budget.raiseTo(10);

    assertThat(budget.status().effective()).contains(100.0);
    granted(budget.reserve(Endpoint.ENRICH, 60));
  }

  @Test
  void aRequestSettledBelowItsEstimateMakesRoomForTheDeniedOne() {
    LedgerCreditBudget budget = local();
    Reservation big = granted(budget.reserve(Endpoint.ENRICH, 60));
    assertThat(now(budget.reserve(Endpoint.ENRICH, 50))).isInstanceOf(BudgetDecision.Denied.class);
    assertThat(budget.exhaustedUntil()).isPresent();

    budget.settle(big, 20); // most identifiers had no match

    assertThat(budget.exhaustedUntil()).isEmpty();
    granted(budget.reserve(Endpoint.ENRICH, 50));
  }

  @Test
  void twoInstancesRacingForTheLastCreditsGetTheVerdictsOfTheLogsOrder() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    LedgerCreditBudget a = on(log.reader(), "a");
    LedgerCreditBudget b = on(log.reader(), "b");
    LedgerCreditBudget observer = on(log.reader(), "observer");

    CompletionStage<BudgetDecision> fromA = a.reserve(Endpoint.ENRICH, 60);
    CompletionStage<BudgetDecision> fromB = b.reserve(Endpoint.ENRICH, 60);
    assertThat(fromA.toCompletableFuture()).as("undecided until the log comes back").isNotDone();
    b.catchUp(clock.millis(), 0);
    a.catchUp(clock.millis(), 0);

    assertThat(now(fromA)).isInstanceOf(BudgetDecision.Granted.class);
    assertThat(now(fromB)).isInstanceOf(BudgetDecision.Denied.class);
    assertThat(b.exhaustedUntil()).isPresent();
    assertThat(a.exhaustedUntil()).isEmpty();

    a.settle(((BudgetDecision.Granted) now(fromA)).reservation(), 60);
    for (LedgerCreditBudget reader : List.of(a, b, observer)) {
      reader.catchUp(clock.millis(), 0);
    }
    assertThat(List.of(a, b, observer))
        .allSatisfy(reader -> assertThat(reader.status().spent()).isEqualTo(60))
        .allSatisfy(reader -> assertThat(reader.status().reserved()).isZero());
  }

  @Test
  void anInstanceThatAskedForNothingHaltsTooOnceOthersSpentTheWholeBudgetAndResumesNextPeriod() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    LedgerCreditBudget spender = on(log.reader(), "spender");
    LedgerCreditBudget idle = on(log.reader(), "idle");

    CompletionStage<BudgetDecision> most = spender.reserve(Endpoint.ENRICH, 99);
    spender.catchUp(clock.millis(), 0);
    spender.settle(granted(most), 99);
    idle.catchUp(clock.millis(), 0);
    assertThat(idle.exhaustedUntil()).as("one credit is still left").isEmpty();

    CompletionStage<BudgetDecision> last = spender.reserve(Endpoint.ENRICH, 1);
    spender.catchUp(clock.millis(), 0);
    spender.settle(granted(last), 1);
    idle.catchUp(clock.millis(), 0);

    assertThat(idle.exhaustedUntil()).contains(START.plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(idle.exhaustedUntil()).isEmpty();
  }

  @Test
  void manyAsksRacingNeverGrantMoreThanTheBudget() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    List<LedgerCreditBudget> instances =
        List.of(on(log.reader(), "a"), on(log.reader(), "b"), on(log.reader(), "c"));
    List<CompletionStage<BudgetDecision>> asks = new java.util.ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (LedgerCreditBudget instance : instances) {
        asks.add(instance.reserve(Endpoint.ENRICH, 12));
      }
    }
    instances.forEach(i -> i.catchUp(clock.millis(), 0));

    long grants = asks.stream().filter(a -> now(a) instanceof BudgetDecision.Granted).count();
    assertThat(grants * 12).isLessThanOrEqualTo(100).isGreaterThan(100 - 12 * instances.size());
  }

  @Test
  void aCrashedRunsReservationStopsBlockingTheBudgetOnceItsTtlPasses() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    LedgerCreditBudget crashed = on(log.reader(), "crashed");
    CompletionStage<BudgetDecision> held = crashed.reserve(Endpoint.ENRICH, 80);
    crashed.catchUp(clock.millis(), 0);
    assertThat(now(held)).isInstanceOf(BudgetDecision.Granted.class);
    // ... and the run dies without settling.

    LedgerCreditBudget survivor = on(log.reader(), "survivor");
    CompletionStage<BudgetDecision> blocked = survivor.reserve(Endpoint.ENRICH, 40);
    survivor.catchUp(clock.millis(), 0);
    assertThat(now(blocked)).isInstanceOf(BudgetDecision.Denied.class);

    clock.advance(HUNDRED.reservationTtl().plusMillis(1));

    assertThat(survivor.exhaustedUntil()).isEmpty();
    CompletionStage<BudgetDecision> later = survivor.reserve(Endpoint.ENRICH, 40);
    survivor.catchUp(clock.millis(), 0);
    assertThat(now(later)).isInstanceOf(BudgetDecision.Granted.class);
  }

  @Test
  void aRestartedInstanceResumesFromTheLedgerWithThePeriodsSpend() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    LedgerCreditBudget before = on(log.reader(), "run-1");
    CompletionStage<BudgetDecision> ask = before.reserve(Endpoint.ENRICH, 70);
    before.catchUp(clock.millis(), 0);
    before.settle(((BudgetDecision.Granted) now(ask)).reservation(), 70);

    LedgerCreditBudget after = on(log.reader(), "run-2");
    after.catchUp(clock.millis(), 0);

    assertThat(after.status().spent()).isEqualTo(70);
    CompletionStage<BudgetDecision> tooMuch = after.reserve(Endpoint.ENRICH, 40);
    after.catchUp(clock.millis(), 0);
    assertThat(now(tooMuch)).isInstanceOf(BudgetDecision.Denied.class);
  }

  @Test
  void theBudgetWarnsOncePerPeriodAtEightyPercent() {
    LedgerCreditBudget budget = local();
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 79)), 79);
    assertThat(metrics.warnings).isZero();

    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 1)), 1);
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 5)), 5);
    assertThat(metrics.warnings).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    budget.settle(granted(budget.reserve(Endpoint.ENRICH, 90)), 90);
    assertThat(metrics.warnings).isEqualTo(2);
  }

  @Test
  void anAskTheLedgerDoesNotDecideInTimeIsAnsweredUnavailableAndWithdrawn() {
    SharedTestLog<CreditRecord> log = new SharedTestLog<>(clock);
    SharedLog<CreditRecord> writer = log.reader();
    SharedLog<CreditRecord> deaf =
        new SharedLog<>() {
          @Override
          public CompletionStage<Void> append(String key, CreditRecord value) {
            return writer.append(key, value);
          }

          @Override
          public List<LogEntry<CreditRecord>> poll(long maxWaitMs) {
            return List.of(); // the records never come back
          }

          @Override
          public boolean local() {
            return false;
          }

          @Override
          public void close() {}
        };
    LedgerCreditBudget budget = on(deaf, "me");
    CompletionStage<BudgetDecision> ask = budget.reserve(Endpoint.ENRICH, 10);

    budget.catchUp(clock.millis() + 4_000, 0);
    assertThat(ask.toCompletableFuture()).isNotDone();
    budget.catchUp(clock.millis() + 5_001, 0);

    assertThat(now(ask)).isInstanceOf(BudgetDecision.Unavailable.class);
    CreditRecord.Spend last = (CreditRecord.Spend) log.entries().get(1).value();
    assertThat(last.reserved()).as("withdrawn").isZero();
  }

  @Test
  void anAskThatCannotBeWrittenIsAnsweredUnavailable() {
    SharedLog<CreditRecord> broken =
        new SharedLog<>() {
          @Override
          public CompletionStage<Void> append(String key, CreditRecord value) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
          }

          @Override
          public List<LogEntry<CreditRecord>> poll(long maxWaitMs) {
            return List.of();
          }

          @Override
          public boolean local() {
            return false;
          }

          @Override
          public void close() {}
        };

    BudgetDecision decision = now(on(broken, "me").reserve(Endpoint.ENRICH, 10));

    assertThat(decision).isInstanceOf(BudgetDecision.Unavailable.class);
    assertThat(((BudgetDecision.Unavailable) decision).message()).contains("broker gone");
  }

  @Test
  void settlingTwiceCountsOnce() {
    LedgerCreditBudget budget = local();
    Reservation reservation = granted(budget.reserve(Endpoint.ENRICH, 10));

    budget.settle(reservation, 10);
    budget.settle(reservation, 10);

    assertThat(budget.status().spent()).isEqualTo(10);
  }

  @Test
  void withALocalLedgerTheFiguresAreThisInstancesOnly() {
    assertThat(local().status().shared()).isFalse();
    assertThat(on(new SharedTestLog<CreditRecord>(clock).reader(), "x").status().shared()).isTrue();
  }
}
