package io.personenricher.credits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The credit budget's settings, validated by the config layer.
 *
 * @param budget credits per period for the whole application; empty: no budget (unlimited)
 * @param period how periods fall in time
 * @param reservationTtl how long a run's reservations count after its latest record: longer than
 *     any request can take, so only a crashed run's reservations expire
 * @param askTimeout how long a reservation may wait for the ledger's verdict before the request is
 *     answered "not sent" (and tried again)
 */
public record BudgetSettings(
    Optional<Double> budget, BudgetPeriod period, Duration reservationTtl, Duration askTimeout) {

  public BudgetSettings {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(reservationTtl, "reservationTtl");
    Objects.requireNonNull(askTimeout, "askTimeout");
    budget.ifPresent(
        b -> {
          if (!(b > 0) || b.isInfinite()) {
            throw new IllegalArgumentException(
                "a budget is a positive number of credits, got " + b);
          }
        });
  }

  /** A budget of {@code credits} per {@code period}, with reservations living 90 s. */
  public static BudgetSettings of(double credits, BudgetPeriod period) {
    return new BudgetSettings(
        Optional.of(credits), period, Duration.ofSeconds(90), Duration.ofSeconds(10));
  }
}
