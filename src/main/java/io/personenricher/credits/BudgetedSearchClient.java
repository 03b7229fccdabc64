package io.personenricher.credits;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.client.SearchClient;
import io.personenricher.client.SearchOutcome;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A {@link SearchClient} that spends from the {@link CreditBudget}, as {@link BudgetedEnrichClient}
 * does for enrichment: each page is priced at its {@code limit} results ({@link PriceList#search}),
 * the estimate reserved before the call and settled with {@code x-credits-used} (the returned
 * profiles at the list price when the header is absent; nothing for a call that failed).
 *
 * <p>A page whose reservation is denied is not sent: it fails {@code Fatal(BUDGET_EXHAUSTED)},
 * which the search processor holds like any halt (the search waits, nothing is dead-lettered), and
 * clears by itself at the next period or once the budget is raised.
 *
 * <p>Threading notes: stateless apart from the collaborators, which are thread-safe; a page's stage
 * may complete on the credit ledger's thread or the HTTP client's.
 */
public final class BudgetedSearchClient implements SearchClient {

  private final SearchClient client;
  private final CreditBudget budget;
  private final Clock clock;
  private final BudgetedCall<SearchOutcome> calls;

  public BudgetedSearchClient(
      SearchClient client, CreditBudget budget, CreditMetrics metrics, Clock clock) {
    this.client = client;
    this.budget = budget;
    this.clock = clock;
    this.calls = new BudgetedCall<>(budget, metrics, new Outcomes());
  }

  @Override
  public CompletionStage<SearchOutcome> search(SearchPageRequest request, Permit permit) {
    return calls.spend(
        Endpoint.SEARCH,
        PriceList.search(request.limit()),
        "search page not sent",
        () -> client.search(request, permit));
  }

  /** Search outcomes of the budget's decisions, and what a page cost. */
  private static final class Outcomes implements BudgetedCall.Outcomes<SearchOutcome> {

    @Override
    public SearchOutcome halted(String message) {
      return new SearchOutcome.Failed(
          new EnrichOutcome.Fatal(HaltReason.BUDGET_EXHAUSTED, null, message));
    }

    @Override
    public SearchOutcome notSent(String message) {
      return new SearchOutcome.Failed(
          new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.NOT_SENT, null, message, null));
    }

    @Override
    public double cost(CostEstimate estimate, SearchOutcome outcome) {
      return BudgetedSearchClient.cost(estimate, outcome);
    }

    @Override
    public double ratio(CostEstimate estimate, SearchOutcome outcome, double credits) {
      return Double.NaN;
    }
  }

  /** What a page cost: its header, else its profiles at the list price; a failed call nothing. */
  static double cost(CostEstimate estimate, SearchOutcome outcome) {
    if (outcome == null) {
      // A stage that failed (never by contract) may still have cost: keep the estimate.
      return estimate.upperBound();
    }
    if (outcome instanceof SearchOutcome.Page page) {
      return page.creditsUsed() != null
          ? page.creditsUsed()
          : Credits.round(page.profiles() * estimate.perUnit());
    }
    return 0;
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
