package io.personenricher.credits;

import io.personenricher.client.HaltReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How an exhausted budget shows on a client that spends from it: as its halt reason (after a halt
 * of the client itself) and as the wait before its next permit is worth taking.
 */
final class BudgetHalt {

  private BudgetHalt() {}

  /** The client's own halt first, else {@code BUDGET_EXHAUSTED} while the budget is exhausted. */
  static Optional<HaltReason> reason(Optional<HaltReason> clientHalt, CreditBudget budget) {
    return clientHalt.or(() -> budget.exhaustedUntil().map(until -> HaltReason.BUDGET_EXHAUSTED));
  }

  /** The longer of the client's own delay and the time until the exhausted budget resumes. */
  static Duration delay(Duration clientDelay, CreditBudget budget, Clock clock) {
    Optional<Instant> exhausted = budget.exhaustedUntil();
    if (exhausted.isEmpty()) {
      return clientDelay;
    }
    Duration budgetDelay = Duration.between(clock.instant(), exhausted.get());
    return budgetDelay.compareTo(clientDelay) > 0 ? budgetDelay : clientDelay;
  }
}
