package io.personenricher.credits;

import io.personenricher.ledger.LogEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credit ledger folded: per period, the latest record of each spender and the period's
 * override. A pure function of the records in log order, so every instance that has read the same
 * records holds the same fold, and reaches the same verdict on every ask.
 *
 * <p>The grant rule: an ask (a {@link CreditRecord.Spend} with an ask) at offset o is granted iff,
 * in the fold as of o (that record included), the period's settled credits plus every reservation
 * still live at the record's timestamp stay within the asker's budget (the higher of its configured
 * budget and the period's override as of o). Every pending ask counts as reserved until its
 * spender's next record withdraws it, so two asks racing for the last credits cannot both win:
 * whichever the log has first is judged without the other, the second with the first.
 *
 * <p>A reservation is live while its spender's latest record is younger than that record's ttl: a
 * run that crashed holding reservations stops blocking the budget once its last record ages out,
 * judged by record timestamps, which every reader sees alike.
 *
 * <p>Threading notes: not thread-safe; its owner synchronises.
 */
public final class CreditFold {

  /** The verdict on one ask, as every reader of the log reaches it. */
  public record Verdict(
      String spender, String askId, String period, boolean granted, double total, double budget) {}

  private record Row(double settled, double reserved, long timestampMs, long ttlMs) {
    boolean liveAt(long atMs) {
      return atMs - timestampMs <= ttlMs;
    }
  }

  private static final class Period {
    final long startMs;
    final Map<String, Row> rows = new HashMap<>();
    Double override;

    Period(long startMs) {
      this.startMs = startMs;
    }
  }

  private final Map<String, Period> periods = new HashMap<>();

  /** Folds the next record of the log; for an ask, returns its verdict. */
  public Optional<Verdict> apply(LogEntry<CreditRecord> entry) {
    CreditRecord record = entry.value();
    Period period =
        periods.computeIfAbsent(record.period(), p -> new Period(record.periodStartMs()));
    if (record instanceof CreditRecord.BudgetOverride override) {
      period.override = override.budget();
      return Optional.empty();
    }
    CreditRecord.Spend spend = (CreditRecord.Spend) record;
    period.rows.put(
        spend.spender(),
        new Row(spend.settled(), spend.reserved(), entry.timestampMs(), spend.ttlMs()));
    if (spend.askId() == null || spend.ask() <= 0) {
      return Optional.empty();
    }
    double total = total(period, entry.timestampMs());
    double budget = Math.max(spend.budget(), period.override == null ? 0 : period.override);
    return Optional.of(
        new Verdict(
            spend.spender(),
            spend.askId(),
            spend.period(),
            Credits.fits(total, budget),
            total,
            budget));
  }

  /** Credits settled in the period, by every spender. */
  public double spent(String period) {
    Period p = periods.get(period);
    return p == null ? 0 : Credits.round(p.rows.values().stream().mapToDouble(Row::settled).sum());
  }

  /** Credits held by reservations (and undecided asks) that are live at {@code atMs}. */
  public double reserved(String period, long atMs) {
    Period p = periods.get(period);
    return p == null ? 0 : reserved(p, atMs);
  }

  /** The period's override, when an operator raised its budget. */
  public Optional<Double> override(String period) {
    Period p = periods.get(period);
    return p == null ? Optional.empty() : Optional.ofNullable(p.override);
  }

  /** Forgets the periods that started before {@code startMs}. */
  public void forgetBefore(long startMs) {
    periods.values().removeIf(p -> p.startMs < startMs);
  }

  private static double total(Period period, long atMs) {
    return Credits.round(
        period.rows.values().stream().mapToDouble(Row::settled).sum() + reserved(period, atMs));
  }

  private static double reserved(Period period, long atMs) {
    return Credits.round(
        period.rows.values().stream().filter(r -> r.liveAt(atMs)).mapToDouble(Row::reserved).sum());
  }
}
