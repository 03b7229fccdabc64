package io.personenricher.credits;

import io.personenricher.client.EnrichOutcome;

/**
 * What a request cost, once its outcome is known: the figure its reservation is settled with.
 *
 * <ul>
 *   <li>An answer: the API's {@code x-credits-used}; without it, the estimate's price times the
 *       profiles it returned (no match costs nothing).
 *   <li>A timeout: the request may have been served (and charged) after the client gave up, so the
 *       whole estimate, to stay on the safe side of the budget.
 *   <li>Anything else (a 4xx or 5xx answer, a connection that failed, a request not sent): nothing.
 *       The API charges for data it returns, and error answers return none.
 * </ul>
 *
 * <p>Threading notes: stateless.
 */
public final class SettledCost {

  private SettledCost() {}

  public static double of(CostEstimate estimate, EnrichOutcome outcome) {
    if (outcome instanceof EnrichOutcome.Success success) {
      return success.creditsUsed() != null
          ? Credits.round(success.creditsUsed())
          : estimate.forMatches(matches(success));
    }
    if (outcome instanceof EnrichOutcome.Retriable retriable
        && retriable.reason() == EnrichOutcome.RetryReason.TIMEOUT) {
      return estimate.upperBound();
    }
    return 0;
  }

  /** The profiles an answer returned, over every identifier. */
  public static int matches(EnrichOutcome.Success success) {
    return success.entries().stream().mapToInt(entry -> entry.matches().size()).sum();
  }
}
