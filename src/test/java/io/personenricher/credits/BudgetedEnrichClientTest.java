package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.client.IdentifierKind;
import io.personenricher.ledger.InMemoryLog;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetedEnrichClientTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final RecordingCreditMetrics metrics = new RecordingCreditMetrics();
  private final FakeEnrichClient api = new FakeEnrichClient();
  private final LedgerCreditBudget budget =
      new LedgerCreditBudget(
          new BudgetSettings(
              Optional.of(30.0),
              BudgetPeriod.parse("PT1M"),
              Duration.ofSeconds(30),
              Duration.ofSeconds(5)),
          new InMemoryLog<>(clock),
          "me",
          metrics,
          clock);
  private final BudgetedEnrichClient client = new BudgetedEnrichClient(api, budget, metrics, clock);

  private static EnrichRequest urls(int count, List<String> fields) {
    return new EnrichRequest(
        IdentifierKind.PROFILE_URL,
        IntStream.range(0, count).mapToObj(i -> "https://www.linkedin.com/in/p" + i).toList(),
        fields,
        null);
  }

  private EnrichOutcome send(EnrichRequest request) {
    CompletionStage<EnrichOutcome> stage =
        client.enrich(request, Permit.now(Endpoint.ENRICH, clock.millis(), Permit.Kind.FULL));
    CompletableFuture<EnrichOutcome> future = stage.toCompletableFuture();
    assertThat(future).isDone();
    return future.join();
  }

  @Test
  void aRequestWithinTheBudgetGoesAndSettlesWithWhatTheApiCharged() {
    EnrichOutcome outcome = send(urls(10, List.of()));

    assertThat(outcome).isInstanceOf(EnrichOutcome.Success.class);
    assertThat(api.requests()).hasSize(1);
    assertThat(budget.status().spent()).isEqualTo(10);
    assertThat(budget.status().reserved()).isZero();
    assertThat(metrics.upperBounds).containsExactly(10.0);
    assertThat(metrics.spent)
        .containsExactly(new RecordingCreditMetrics.Spent(Endpoint.ENRICH, 10, 1.0));
  }

  @Test
  void aRequestThatWouldCrossTheBudgetIsNotSentAndHaltsTheClientUntilTheNextPeriod() {
    send(urls(25, List.of()));

    EnrichOutcome outcome = send(urls(10, List.of()));

    assertThat(api.requests()).as("the second request never reached the API").hasSize(1);
    assertThat(outcome).isInstanceOf(EnrichOutcome.Fatal.class);
    EnrichOutcome.Fatal fatal = (EnrichOutcome.Fatal) outcome;
    assertThat(fatal.reason()).isEqualTo(HaltReason.BUDGET_EXHAUSTED);
    assertThat(fatal.reachedApi()).isFalse();
    assertThat(client.haltReason()).contains(HaltReason.BUDGET_EXHAUSTED);
    assertThat(client.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(60));

    clock.advance(Duration.ofSeconds(45));
    assertThat(client.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(15));
    clock.advance(Duration.ofSeconds(15));
    assertThat(client.haltReason()).isEmpty();
    assertThat(client.delayUntilNextPermit()).isZero();
    assertThat(send(urls(10, List.of()))).isInstanceOf(EnrichOutcome.Success.class);
  }

  @Test
  void whileExhaustedNothingIsReservedOrSent() {
    send(urls(25, List.of()));
    send(urls(10, List.of()));
    int denied = metrics.denied.size();

    EnrichOutcome again = send(urls(1, List.of()));

    assertThat(again).isInstanceOf(EnrichOutcome.Fatal.class);
    assertThat(((EnrichOutcome.Fatal) again).message())
        .contains("resumes at " + START.plusSeconds(60));
    assertThat(api.requests()).hasSize(1);
    assertThat(metrics.denied).hasSize(denied);
  }

  @Test
  void aFieldsChoiceThatCostsMoreIsPricedSoBeforeItGoes() {
    send(urls(2, List.of("contact")));

    assertThat(metrics.perMatch).containsExactly(6.0);
    assertThat(metrics.upperBounds).containsExactly(12.0);
  }

  @Test
  void anApiThatChargesMoreThanThePriceListShowsInTheRatio() {
    api.always(
        request -> {
          EnrichOutcome.Success normal = (EnrichOutcome.Success) api.answer(request);
          return new EnrichOutcome.Success(normal.entries(), 2.0 * request.size(), 200);
        });

    send(urls(5, List.of()));

    assertThat(metrics.spent).extracting(RecordingCreditMetrics.Spent::ratio).containsExactly(2.0);
    assertThat(budget.status().spent()).isEqualTo(10);
  }

  @Test
  void anAnswerWithoutXCreditsUsedSettlesAtTheEstimateOfItsMatches() {
    api.always(
        request -> {
          EnrichOutcome.Success normal = (EnrichOutcome.Success) api.answer(request);
          return new EnrichOutcome.Success(normal.entries(), null, 200);
        });
    api.withMatches("https://www.linkedin.com/in/p0", List.of());

    send(urls(4, List.of()));

    assertThat(budget.status().spent()).isEqualTo(3);
  }

  @Test
  void theWrappedClientsOwnHaltComesFirst() {
    send(urls(25, List.of()));
    send(urls(10, List.of()));
    api.halted(HaltReason.OUT_OF_CREDITS).withPermitDelay(Duration.ofSeconds(90));

    assertThat(client.haltReason()).contains(HaltReason.OUT_OF_CREDITS);
    assertThat(client.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aBudgetThatCannotDecideAnswersNotSentSoTheBatchIsTriedAgain() {
    CreditBudget undecided =
        new CreditBudget() {
          @Override
          public CompletionStage<BudgetDecision> reserve(Endpoint endpoint, double credits) {
            return CompletableFuture.completedFuture(
                new BudgetDecision.Unavailable("the credit ledger did not decide"));
          }

          @Override
          public void settle(Reservation reservation, double credits) {}

          @Override
          public Optional<Instant> exhaustedUntil() {
            return Optional.empty();
          }

          @Override
          public BudgetStatus status() {
            throw new UnsupportedOperationException();
          }
        };
    BudgetedEnrichClient gated = new BudgetedEnrichClient(api, undecided, metrics, clock);

    EnrichOutcome outcome =
        gated
            .enrich(urls(1, List.of()), Permit.now(Endpoint.ENRICH, 0, Permit.Kind.FULL))
            .toCompletableFuture()
            .join();

    assertThat(outcome).isInstanceOf(EnrichOutcome.Retriable.class);
    assertThat(((EnrichOutcome.Retriable) outcome).reason())
        .isEqualTo(EnrichOutcome.RetryReason.NOT_SENT);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void withoutABudgetEveryRequestGoesAndThisInstancesSpendIsCounted() {
    UnlimitedBudget unlimited = new UnlimitedBudget(BudgetPeriod.parse("PT1M"), clock);
    BudgetedEnrichClient open = new BudgetedEnrichClient(api, unlimited, metrics, clock);
    for (int i = 0; i < 5; i++) {
      open.enrich(urls(25, List.of()), Permit.now(Endpoint.ENRICH, 0, Permit.Kind.FULL));
    }

    assertThat(api.requests()).hasSize(5);
    assertThat(unlimited.status().spent()).isEqualTo(125);
    assertThat(unlimited.status().effective()).isEmpty();
    assertThat(open.haltReason()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(unlimited.status().spent()).isZero();
  }
}
