package io.personenricher.credits;

import io.personenricher.quota.Endpoint;

/**
 * The figures the credit budget and the cost estimates report, per endpoint. An interface so the
 * credits stay free of any metrics library.
 *
 * <p>Threading notes: called from stream threads, the HTTP client's threads and the ledger thread;
 * implementations must be thread-safe and never block.
 */
public interface CreditMetrics {

  /**
   * A request was priced before it went: {@code perMatch} credits per matched profile (what a
   * change of {@code fields} changes at once), {@code upperBound} for the whole request.
   */
  void estimated(Endpoint endpoint, double perMatch, double upperBound);

  /**
   * A request was settled: {@code credits} it cost ({@code x-credits-used}, or the estimate when
   * absent), and {@code ratio} = credits ÷ (estimated per match × matches) when it matched anything
   * (NaN otherwise): 1 when the price list is right.
   */
  void spent(Endpoint endpoint, double credits, double ratio);

  /** A request was not sent: its reservation would have crossed the budget. */
  void reservationDenied(Endpoint endpoint);

  /** The period's spend reached {@link BudgetStatus#WARNING_RATIO} of the budget. */
  void budgetWarning();

  /**
   * Answers reused instead of paid for: {@code hits} × {@code estimatedCreditsPerHit} credits not
   * spent. For the application-wide answer reuse.
   */
  void recordCreditsSaved(Endpoint endpoint, long hits, double estimatedCreditsPerHit);

  CreditMetrics NOOP =
      new CreditMetrics() {
        @Override
        public void estimated(Endpoint endpoint, double perMatch, double upperBound) {}

        @Override
        public void spent(Endpoint endpoint, double credits, double ratio) {}

        @Override
        public void reservationDenied(Endpoint endpoint) {}

        @Override
        public void budgetWarning() {}

        @Override
        public void recordCreditsSaved(
            Endpoint endpoint, long hits, double estimatedCreditsPerHit) {}
      };
}
