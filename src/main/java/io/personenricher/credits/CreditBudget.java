package io.personenricher.credits;

import io.personenricher.quota.Endpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The gate between a request and the money it costs: before a billable request goes, its estimate
 * is reserved ({@link #reserve}); once answered, the reservation is settled with what the request
 * really cost ({@link #settle}). A request whose reservation would take the period's spend (settled
 * plus reserved) past the budget is denied and must not be sent: the budget is then exhausted until
 * the next period or until the budget is raised, and the application halts like on a 402.
 *
 * <p>Endpoint-aware: enrich, contact enrich, live enrich and search all spend from the one budget,
 * through this one interface.
 *
 * <p>Threading notes: implementations are shared by every stream thread and the HTTP client's
 * threads; every method is thread-safe and never blocks on I/O (a reservation's stage may complete
 * on another thread, once the credit ledger has decided).
 */
public interface CreditBudget {

  /** Asks for {@code credits} (the request's estimate, {@link PriceList}) for a request to send. */
  CompletionStage<BudgetDecision> reserve(Endpoint endpoint, double credits);

  /**
   * Replaces a granted reservation with what its request cost ({@code x-credits-used}, or the
   * estimate when the API did not say); 0 for a request that was not sent after all. Settling twice
   * counts once.
   */
  void settle(Reservation reservation, double credits);

  /** While the budget halts the application: when the next period starts. Empty otherwise. */
  Optional<Instant> exhaustedUntil();

  /** The figures as they stand now. */
  BudgetStatus status();
}
