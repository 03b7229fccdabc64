package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichOutcome.RetryReason;
import io.personenricher.client.HaltReason;
import io.personenricher.quota.Endpoint;
import io.personenricher.testutil.FakeEnrichClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reservation is settled with, outcome by outcome. */
class SettledCostTest {

  /** Four identifiers at 2 credits per matched profile: at most 8. */
  private static final CostEstimate ESTIMATE = new CostEstimate(Endpoint.ENRICH, 4, 2);

  private static EnrichOutcome.Success answer(Double creditsUsed, int... matchesPerEntry) {
    List<EnrichEntry> entries =
        java.util.Arrays.stream(matchesPerEntry)
            .mapToObj(
                n ->
                    new EnrichEntry(
                        "id",
                        "business_email",
                        java.util.stream.IntStream.range(0, n)
                            .mapToObj(i -> FakeEnrichClient.person("p" + i, 0.9))
                            .toList()))
            .toList();
    return new EnrichOutcome.Success(entries, creditsUsed, 200);
  }

  @Test
  void anAnswerCostsWhatTheApiSaysItCost() {
    assertThat(SettledCost.of(ESTIMATE, answer(5.0, 1, 1, 0, 0))).isEqualTo(5);
    assertThat(SettledCost.of(ESTIMATE, answer(0.0, 1, 1, 0, 0))).isZero();
  }

  @Test
  void anAnswerWithoutXCreditsUsedCostsThePricePerMatchTimesItsMatches() {
    assertThat(SettledCost.of(ESTIMATE, answer(null, 1, 0, 3, 0))).isEqualTo(8);
    assertThat(SettledCost.of(ESTIMATE, answer(null, 0, 0, 0, 0))).isZero();
  }

  @Test
  void aTimeoutCostsTheWholeEstimateSinceTheApiMayHaveServedIt() {
    EnrichOutcome timeout = new EnrichOutcome.Retriable(RetryReason.TIMEOUT, null, "slow", null);

    assertThat(SettledCost.of(ESTIMATE, timeout)).isEqualTo(8);
  }

  @Test
  void errorAnswersFailedConnectionsAndUnsentRequestsCostNothing() {
    List<EnrichOutcome> free =
        List.of(
            new EnrichOutcome.Rejected(400, "invalid_request", "bad"),
            new EnrichOutcome.Retriable(RetryReason.SERVER_ERROR, 503, "busy", null),
            new EnrichOutcome.Retriable(RetryReason.RATE_LIMITED, 429, "slow down", null),
            new EnrichOutcome.Retriable(RetryReason.CONNECTION_FAILED, null, "refused", null),
            new EnrichOutcome.Retriable(RetryReason.NOT_SENT, null, "queue full", null),
            new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, 402, "no credits"),
            new EnrichOutcome.Fatal(HaltReason.INVALID_API_KEY, null, "halted; not sent"));

    for (EnrichOutcome outcome : free) {
      assertThat(SettledCost.of(ESTIMATE, outcome)).as(outcome.toString()).isZero();
    }
  }
}
