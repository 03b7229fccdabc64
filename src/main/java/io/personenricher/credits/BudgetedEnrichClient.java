package io.personenricher.credits;

import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.quota.Permit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * An {@link EnrichClient} that spends from the {@link CreditBudget}: each request is priced ({@link
 * PriceList}), its estimate reserved before it goes to the client it wraps, and the reservation
 * settled with what the answer cost ({@link SettledCost}).
 *
 * <p>A request whose reservation is denied is not sent: it is answered {@code
 * Fatal(BUDGET_EXHAUSTED)} without a status, which the batching layer treats like any halt (the
 * batch is held, nothing is dead-lettered, no attempt is counted). While the budget is exhausted,
 * {@link #haltReason()} says {@code BUDGET_EXHAUSTED} (so {@code /ready} turns 503) and {@link
 * #delayUntilNextPermit()} the time until the next period, so no quota permit is spent on a request
 * that cannot go; both clear by themselves at the next period or once the budget is raised. A halt
 * of the wrapped client (401, 402, 403) comes first.
 *
 * <p>Threading notes: stateless apart from the collaborators, which are thread-safe; a request's
 * stage may complete on the credit ledger's thread or the HTTP client's.
 */
public final class BudgetedEnrichClient implements EnrichClient {

  private final EnrichClient client;
  private final CreditBudget budget;
  private final Clock clock;
  private final BudgetedCall<EnrichOutcome> calls;

  public BudgetedEnrichClient(
      EnrichClient client, CreditBudget budget, CreditMetrics metrics, Clock clock) {
    this.client = client;
    this.budget = budget;
    this.clock = clock;
    this.calls = new BudgetedCall<>(budget, metrics, new Outcomes());
  }

  @Override
  public CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
    return calls.spend(
        request.endpoint(),
        PriceList.estimate(request),
        "not sent",
        () -> client.enrich(request, permit));
  }

  /** Enrich outcomes of the budget's decisions, and what an answer cost. */
  private static final class Outcomes implements BudgetedCall.Outcomes<EnrichOutcome> {

    @Override
    public EnrichOutcome halted(String message) {
      return new EnrichOutcome.Fatal(HaltReason.BUDGET_EXHAUSTED, null, message);
    }

    @Override
    public EnrichOutcome notSent(String message) {
      return new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.NOT_SENT, null, message, null);
    }

    @Override
    public double cost(CostEstimate estimate, EnrichOutcome outcome) {
      // A stage that failed (never by contract) may still have cost: keep the estimate.
      return outcome == null ? estimate.upperBound() : SettledCost.of(estimate, outcome);
    }

    /** Credits ÷ (estimated per match × matches) for an answer with matches; NaN otherwise. */
    @Override
    public double ratio(CostEstimate estimate, EnrichOutcome outcome, double credits) {
      if (outcome instanceof EnrichOutcome.Success success) {
        double expected = estimate.forMatches(SettledCost.matches(success));
        return expected > 0 ? credits / expected : Double.NaN;
      }
      return Double.NaN;
    }
  }

  @Override
  public Duration delayUntilNextPermit() {
    return BudgetHalt.delay(client.delayUntilNextPermit(), budget, clock);
  }

  @Override
  public Optional<HaltReason> haltReason() {
    return BudgetHalt.reason(client.haltReason(), budget);
  }

  @Override
  public void close() {
    client.close();
  }
}
