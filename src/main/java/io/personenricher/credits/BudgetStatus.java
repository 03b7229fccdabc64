package io.personenricher.credits;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The budget as it stands: the current period, the budget in force and what was spent in the
 * period, for the probes, the metrics and the status page.
 *
 * @param configured {@code enricher.credits.budget}; empty when there is no budget
 * @param override the period's budget as raised at run time, if it was
 * @param spent credits settled in the period: by every instance of the application when {@code
 *     shared}, else by this instance (since it started, when there is no budget)
 * @param reserved credits held by requests in flight (and asks not yet decided)
 * @param exhaustedUntil while the budget halts the application, when the next period starts
 * @param shared true when the figures are the whole application's (a budget shared through the
 *     credit ledger topic)
 */
public record BudgetStatus(
    BudgetPeriod.Span period,
    Optional<Double> configured,
    Optional<Double> override,
    double spent,
    double reserved,
    Optional<Instant> exhaustedUntil,
    boolean shared) {

  /** At this share of the budget spent, the budget warns (once per period). */
  public static final double WARNING_RATIO = 0.8;

  public BudgetStatus {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(configured, "configured");
    Objects.requireNonNull(override, "override");
    Objects.requireNonNull(exhaustedUntil, "exhaustedUntil");
  }

  /** The budget in force: the higher of the configured one and the period's override. */
  public Optional<Double> effective() {
    return configured.map(c -> Math.max(c, override.orElse(0.0)));
  }

  /** What is left to spend in the period (never below zero). */
  public Optional<Double> left() {
    return effective().map(b -> Credits.round(Math.max(0, b - spent - reserved)));
  }

  /** Spent over the budget, 0 to 1 and beyond; NaN without a budget. */
  public double usedRatio() {
    return effective().map(b -> spent / b).orElse(Double.NaN);
  }
}
