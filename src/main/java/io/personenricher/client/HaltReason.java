package io.personenricher.client;

/** Why the client stopped sending: conditions only an operator can clear. */
public enum HaltReason {
  /** 401: the API key is missing or invalid. Fix {@code enricher.api.key}. */
  INVALID_API_KEY,
  /** 402: the account has no credits left. Buy credits. */
  OUT_OF_CREDITS,
  /** 403: the key is not permitted to call Person Enrich. Check the plan's entitlements. */
  NOT_PERMITTED
}
