package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.client.SearchOutcome;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.ledger.InMemoryLog;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.testutil.FakeSearchClient;
import io.personenricher.testutil.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BudgetedSearchClientTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final RecordingCreditMetrics metrics = new RecordingCreditMetrics();
  private final FakeSearchClient api = new FakeSearchClient(FakeSearchClient.peopleUrls(100));
  private final LedgerCreditBudget budget =
      new LedgerCreditBudget(
          new BudgetSettings(
              Optional.of(1.0),
              BudgetPeriod.parse("PT1M"),
              Duration.ofSeconds(30),
              Duration.ofSeconds(5)),
          new InMemoryLog<>(clock),
          "me",
          metrics,
          clock);
  private final BudgetedSearchClient client = new BudgetedSearchClient(api, budget, metrics, clock);

  private SearchOutcome page(int limit, String cursor) {
    CompletableFuture<SearchOutcome> future =
        client
            .search(
                new SearchPageRequest(
                    JsonNodeFactory.instance.objectNode(), List.of(), limit, cursor, List.of()),
                Permit.now(Endpoint.SEARCH, clock.millis(), Permit.Kind.FULL))
            .toCompletableFuture();
    assertThat(future).isDone();
    return future.join();
  }

  @Test
  void aPageWithinTheBudgetGoesAndSettlesAtWhatItReturned() {
    SearchOutcome outcome = page(20, null);

    assertThat(outcome).isInstanceOf(SearchOutcome.Page.class);
    assertThat(api.requests()).hasSize(1);
    assertThat(budget.status().spent()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(budget.status().reserved()).isZero();
  }

  @Test
  void aPageThatWouldCrossTheBudgetIsNotSentAndTheSearchClientHaltsUntilTheNextPeriod() {
    page(20, null);

    SearchOutcome outcome = page(20, "20");

    assertThat(api.requests()).as("the second page never reached the API").hasSize(1);
    assertThat(outcome).isInstanceOf(SearchOutcome.Failed.class);
    assertThat(((SearchOutcome.Failed) outcome).failure())
        .isInstanceOfSatisfying(
            EnrichOutcome.Fatal.class,
            fatal -> assertThat(fatal.reason()).isEqualTo(HaltReason.BUDGET_EXHAUSTED));
    assertThat(client.haltReason()).contains(HaltReason.BUDGET_EXHAUSTED);
    assertThat(client.delayUntilNextPermit()).isEqualTo(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1));
    assertThat(client.haltReason()).isEmpty();
    assertThat(page(20, "20")).isInstanceOf(SearchOutcome.Page.class);
  }

  @Test
  void aFailedCallCostsNothingAndAPageWithoutTheHeaderCostsItsProfilesAtTheListPrice() {
    CostEstimate estimate = PriceList.search(100);

    assertThat(
            BudgetedSearchClient.cost(
                estimate, new SearchOutcome.Page(List.of("a"), 7, null, null, null, 200)))
        .isEqualTo(0.21);
    assertThat(
            BudgetedSearchClient.cost(
                estimate, new SearchOutcome.Page(List.of(), 0, null, null, 0.5, 200)))
        .isEqualTo(0.5);
    assertThat(
            BudgetedSearchClient.cost(
                estimate,
                new SearchOutcome.Failed(
                    new EnrichOutcome.Retriable(
                        EnrichOutcome.RetryReason.NOT_SENT, null, "down", null))))
        .isZero();
    assertThat(BudgetedSearchClient.cost(estimate, null)).isEqualTo(3.0);
  }
}
