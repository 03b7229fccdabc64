package io.personenricher.client;

/**
 * Masks the API key in a failure's message: servers may echo a request's headers in their error
 * text, and outcome messages end up in logs and dead letters.
 *
 * <p>Threading notes: stateless.
 */
final class SecretMask {

  static final String MASK = "****";

  private SecretMask() {}

  /** {@code outcome} with every occurrence of {@code key} in its message masked (same if none). */
  static EnrichOutcome masked(EnrichOutcome outcome, String key) {
    if (key.isEmpty()) {
      return outcome;
    }
    if (outcome instanceof EnrichOutcome.Rejected r && contains(r.message(), key)) {
      return new EnrichOutcome.Rejected(
          r.httpStatus(), r.errorType(), r.message().replace(key, MASK));
    }
    if (outcome instanceof EnrichOutcome.Retriable r && contains(r.message(), key)) {
      return new EnrichOutcome.Retriable(
          r.reason(), r.httpStatus(), r.message().replace(key, MASK), r.notBefore());
    }
    if (outcome instanceof EnrichOutcome.Fatal f && contains(f.message(), key)) {
      return new EnrichOutcome.Fatal(f.reason(), f.httpStatus(), f.message().replace(key, MASK));
    }
    return outcome;
  }

  private static boolean contains(String message, String key) {
    return message != null && message.contains(key);
  }
}
