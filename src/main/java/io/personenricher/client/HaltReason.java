package io.personenricher.client;

/**
 * Why the client stopped sending: conditions an operator clears (the budget's also clears by itself
 * at the next period).
 */
public enum HaltReason {
  /** 401: the API key is missing or invalid. Fix {@code enricher.api.key}. */
  INVALID_API_KEY,
  /** 402: the account has no credits left. Buy credits. */
  OUT_OF_CREDITS,
  /** 403: the key is not permitted to call Person Enrich. Check the plan's entitlements. */
  NOT_PERMITTED,
  /**
   * The application's own credit budget ({@code enricher.credits.budget}) is spent for the period:
   * raise it or wait for the next period.
   */
  BUDGET_EXHAUSTED
}
