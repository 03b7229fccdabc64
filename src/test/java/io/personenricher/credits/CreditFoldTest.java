package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.ledger.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The grant rule, table by table: records in log order, verdicts as every reader reaches them. */
class CreditFoldTest {

  private static final String P = "2026-12";
  private static final long TTL = 60_000;
  private static final double BUDGET = 100;

  private final List<LogEntry<CreditRecord>> log = new ArrayList<>();

  private LogEntry<CreditRecord> at(long timestampMs, CreditRecord record) {
    LogEntry<CreditRecord> entry = new LogEntry<>(record.key(), record, log.size(), timestampMs);
    log.add(entry);
    return entry;
  }

  private static CreditRecord.Spend ask(
      String spender, double settled, double reserved, String askId, double ask) {
    return new CreditRecord.Spend(P, 0, spender, settled, reserved, askId, ask, BUDGET, TTL);
  }

  private static CreditRecord.Spend state(String spender, double settled, double reserved) {
    return new CreditRecord.Spend(P, 0, spender, settled, reserved, null, 0, BUDGET, TTL);
  }

  /** Folds the whole log into a fresh fold, as a reader that starts now does. */
  private List<CreditFold.Verdict> verdicts() {
    CreditFold fold = new CreditFold();
    List<CreditFold.Verdict> verdicts = new ArrayList<>();
    log.forEach(entry -> fold.apply(entry).ifPresent(verdicts::add));
    return verdicts;
  }

  @Test
  void anAskWithinTheBudgetIsGrantedAndOneBeyondItIsNot() {
    at(0, ask("a", 0, 60, "a#0", 60));
    at(1, ask("a", 0, 100, "a#1", 40));
    at(2, ask("a", 0, 125, "a#2", 25));

    assertThat(verdicts())
        .extracting(CreditFold.Verdict::askId, CreditFold.Verdict::granted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a#0", true),
            org.assertj.core.groups.Tuple.tuple("a#1", true),
            org.assertj.core.groups.Tuple.tuple("a#2", false));
  }

  @Test
  void twoSpendersRacingForTheLastCreditsAreDecidedByTheLogsOrder() {
    at(0, state("a", 80, 0));
    at(1, ask("b", 0, 15, "b#0", 15)); // 80 + 15 = 95: fits
    at(2, ask("a", 80, 15, "a#0", 15)); // 80 + 15 + 15 = 110: the later ask loses

    List<CreditFold.Verdict> first = verdicts();
    assertThat(first)
        .extracting(CreditFold.Verdict::spender, CreditFold.Verdict::granted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", true),
            org.assertj.core.groups.Tuple.tuple("a", false));
    // Every reader, whenever it reads the log, reaches the same verdicts.
    assertThat(verdicts()).isEqualTo(first);
  }

  @Test
  void aDeniedAskKeepsCountingUntilItsSpenderWithdrawsIt() {
    at(0, state("a", 90, 0));
    at(1, ask("b", 0, 20, "b#0", 20)); // 110: denied
    at(2, ask("c", 0, 5, "c#0", 5)); // 90 + 20 (b's undecided view) + 5 = 115: denied too
    at(3, state("b", 0, 0)); // b withdraws
    at(4, ask("c", 0, 10, "c#1", 10)); // 90 + 10 = 100: fits exactly

    assertThat(verdicts())
        .extracting(CreditFold.Verdict::askId, CreditFold.Verdict::granted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b#0", false),
            org.assertj.core.groups.Tuple.tuple("c#0", false),
            org.assertj.core.groups.Tuple.tuple("c#1", true));
  }

  @Test
  void aCrashedSpendersReservationStopsCountingOnceItsLastRecordIsOlderThanItsTtl() {
    at(0, ask("crashed", 10, 50, "x#0", 50));
    at(TTL, ask("b", 0, 45, "b#0", 45)); // 10 + 50 + 45 = 105: the reservation still counts
    at(TTL + 1, ask("b", 0, 45, "b#1", 45)); // older than its ttl now: 10 + 45 = 55

    CreditFold fold = new CreditFold();
    List<Boolean> granted = new ArrayList<>();
    log.forEach(e -> fold.apply(e).ifPresent(v -> granted.add(v.granted())));

    assertThat(granted).containsExactly(true, false, true);
    assertThat(fold.spent(P)).isEqualTo(10);
    assertThat(fold.reserved(P, TTL + 1)).isEqualTo(45);
    assertThat(fold.reserved(P, 0)).isEqualTo(95);
  }

  @Test
  void anOverrideRaisesTheBudgetForAsksAfterItOnly() {
    at(0, ask("a", 90, 20, "a#0", 20));
    at(1, new CreditRecord.BudgetOverride(P, 0, 150));
    at(2, ask("a", 90, 20, "a#1", 20));

    assertThat(verdicts())
        .extracting(CreditFold.Verdict::granted, CreditFold.Verdict::budget)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, 100.0),
            org.assertj.core.groups.Tuple.tuple(true, 150.0));
  }

  @Test
  void anOverrideBelowTheAskersConfiguredBudgetChangesNothing() {
    at(0, new CreditRecord.BudgetOverride(P, 0, 10));
    at(1, ask("a", 0, 50, "a#0", 50));

    assertThat(verdicts()).extracting(CreditFold.Verdict::granted).containsExactly(true);
  }

  @Test
  void spendIsTheSumOfEachSpendersLatestSettledAmountAndPeriodsAreSeparate() {
    CreditFold fold = new CreditFold();
    fold.apply(at(0, state("a", 10, 0)));
    fold.apply(at(1, state("a", 25, 0)));
    fold.apply(at(2, state("b", 5, 7)));
    fold.apply(at(3, new CreditRecord.Spend("2027-01", 1_000, "a", 3, 0, null, 0, BUDGET, TTL)));

    assertThat(fold.spent(P)).isEqualTo(30);
    assertThat(fold.reserved(P, 3)).isEqualTo(7);
    assertThat(fold.spent("2027-01")).isEqualTo(3);
    assertThat(fold.override(P)).isEmpty();

    fold.forgetBefore(1_000);

    assertThat(fold.spent(P)).isZero();
    assertThat(fold.spent("2027-01")).isEqualTo(3);
  }

  @Test
  void recordsThatAskNothingHaveNoVerdict() {
    CreditFold fold = new CreditFold();

    assertThat(fold.apply(at(0, state("a", 10, 0)))).isEqualTo(Optional.empty());
    assertThat(fold.apply(at(1, new CreditRecord.BudgetOverride(P, 0, 5)))).isEmpty();
  }

  @Test
  void theLedgersJsonFormatRoundTripsEveryRecordAndSkipsWhatItDoesNotKnow() {
    CreditRecord spend = ask("host-1a2b3c4d", 12.5, 25, "host-1a2b3c4d#7", 25);
    CreditRecord override = new CreditRecord.BudgetOverride(P, 1_764_547_200_000L, 500);

    assertThat(CreditRecord.CODEC.decode(CreditRecord.CODEC.encode(spend))).isEqualTo(spend);
    assertThat(CreditRecord.CODEC.decode(CreditRecord.CODEC.encode(override))).isEqualTo(override);
    assertThat(CreditRecord.CODEC.decode(state("a", 1, 0).toString().getBytes())).isNull();
    assertThat(CreditRecord.CODEC.decode("{\"type\":\"refund\"}".getBytes())).isNull();
    assertThat(spend.key()).isEqualTo("2026-12|host-1a2b3c4d");
    assertThat(override.key()).isEqualTo("2026-12|@override");
  }
}
