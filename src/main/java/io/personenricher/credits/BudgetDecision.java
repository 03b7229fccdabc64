package io.personenricher.credits;

import java.time.Instant;

/** What the {@link CreditBudget} answered to a reservation. */
public sealed interface BudgetDecision {

  /** The request may go; settle the reservation once it is answered. */
  record Granted(Reservation reservation) implements BudgetDecision {}

  /**
   * The request would cross the budget: it must not be sent. The budget is exhausted until {@code
   * resumesAt} (the next period) or until it is raised.
   */
  record Denied(Instant resumesAt, String message) implements BudgetDecision {}

  /** The budget could not decide (the credit ledger cannot be written or read): try again later. */
  record Unavailable(String message) implements BudgetDecision {}
}
