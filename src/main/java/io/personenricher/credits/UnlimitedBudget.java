package io.personenricher.credits;

import io.personenricher.quota.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * No budget ({@code enricher.credits.budget} unset): every reservation is granted at once, and the
 * figures are this instance's own spend in the current period (nothing is shared, no ledger).
 *
 * <p>Threading notes: every method synchronises on the budget; the open reservations are bounded by
 * the requests in flight.
 */
public final class UnlimitedBudget implements CreditBudget {

  private final BudgetPeriod period;
  private final Clock clock;
  private final Set<String> open = new HashSet<>();
  private String periodId;
  private double spent;
  private long sequence;

  public UnlimitedBudget(BudgetPeriod period, Clock clock) {
    this.period = period;
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<BudgetDecision> reserve(Endpoint endpoint, double credits) {
    BudgetPeriod.Span span = period.at(clock.instant());
    Reservation reservation =
        new Reservation(
            "unlimited#" + sequence++,
            endpoint,
            span.id(),
            span.start().toEpochMilli(),
            Credits.round(credits));
    open.add(reservation.id());
    return CompletableFuture.completedFuture(new BudgetDecision.Granted(reservation));
  }

  @Override
  public synchronized void settle(Reservation reservation, double credits) {
    if (!open.remove(reservation.id())) {
      return;
    }
    rollOver(period.at(clock.instant()));
    if (reservation.period().equals(periodId)) {
      spent = Credits.round(spent + credits);
    }
  }

  @Override
  public Optional<Instant> exhaustedUntil() {
    return Optional.empty();
  }

  @Override
  public synchronized BudgetStatus status() {
    BudgetPeriod.Span span = period.at(clock.instant());
    rollOver(span);
    return new BudgetStatus(
        span, Optional.empty(), Optional.empty(), spent, 0, Optional.empty(), false);
  }

  private void rollOver(BudgetPeriod.Span span) {
    if (!span.id().equals(periodId)) {
      periodId = span.id();
      spent = 0;
    }
  }
}
