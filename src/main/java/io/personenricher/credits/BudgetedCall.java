package io.personenricher.credits;

import io.personenricher.quota.Endpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One API call that spends from the {@link CreditBudget}, for the clients that wrap the enrich and
 * the search client: not sent while the budget is exhausted or the reservation is denied (a halt),
 * nor when the budget cannot decide (not sent, tried again); otherwise its estimate is reserved,
 * the call made, and the reservation settled with what it cost.
 *
 * <p>Threading notes: stateless; the stage may complete on the credit ledger's thread or the HTTP
 * client's.
 *
 * @param <T> the client's outcome type
 */
final class BudgetedCall<T> {

  /** How the budget's decisions and the call's cost read in the client's outcome type. */
  interface Outcomes<T> {
    /** {@code Fatal(BUDGET_EXHAUSTED)} with {@code message}. */
    T halted(String message);

    /** A call the budget could not decide on: not sent, to be tried again. */
    T notSent(String message);

    /** What the call cost; {@code outcome} is null for a stage that failed. */
    double cost(CostEstimate estimate, T outcome);

    /** Credits ÷ what the estimate expected for the answer, or NaN. */
    double ratio(CostEstimate estimate, T outcome, double credits);
  }

  private final CreditBudget budget;
  private final CreditMetrics metrics;
  private final Outcomes<T> outcomes;

  BudgetedCall(CreditBudget budget, CreditMetrics metrics, Outcomes<T> outcomes) {
    this.budget = budget;
    this.metrics = metrics;
    this.outcomes = outcomes;
  }

  /**
   * @param notSent what the message of an exhausted budget calls the call that was held ("not
   *     sent", "search page not sent")
   */
  CompletionStage<T> spend(
      Endpoint endpoint, CostEstimate estimate, String notSent, Supplier<CompletionStage<T>> call) {
    Optional<Instant> exhausted = budget.exhaustedUntil();
    if (exhausted.isPresent()) {
      return CompletableFuture.completedFuture(
          outcomes.halted(
              "credit budget exhausted; "
                  + notSent
                  + "; resumes at "
                  + exhausted.get()
                  + " or when the budget is raised"));
    }
    return budget
        .reserve(endpoint, estimate.upperBound())
        .thenCompose(decision -> send(endpoint, estimate, decision, call));
  }

  private CompletionStage<T> send(
      Endpoint endpoint,
      CostEstimate estimate,
      BudgetDecision decision,
      Supplier<CompletionStage<T>> call) {
    if (decision instanceof BudgetDecision.Denied denied) {
      return CompletableFuture.completedFuture(outcomes.halted(denied.message()));
    }
    if (decision instanceof BudgetDecision.Unavailable unavailable) {
      return CompletableFuture.completedFuture(outcomes.notSent(unavailable.message()));
    }
    Reservation reservation = ((BudgetDecision.Granted) decision).reservation();
    metrics.estimated(endpoint, estimate.perUnit(), estimate.upperBound());
    return call.get()
        .whenComplete(
            (outcome, error) -> {
              double credits = outcomes.cost(estimate, outcome);
              budget.settle(reservation, credits);
              metrics.spent(endpoint, credits, outcomes.ratio(estimate, outcome, credits));
            });
  }
}
