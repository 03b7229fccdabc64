package io.personenricher.quota;

/**
 * What the HTTP client tells the quota about each answer: the key's limit as the API states it, and
 * whether it refused the request for the rate (429), the safety net while instances' views of the
 * schedule differ.
 *
 * <p>Threading notes: called from I/O threads; implementations are thread-safe and cheap.
 */
public interface QuotaFeedback {

  /**
   * @param limit {@code x-ratelimit-limit}, or null when absent
   * @param remaining {@code x-ratelimit-remaining}, or null
   * @param resetSeconds {@code x-ratelimit-reset}, or null
   * @param rateLimited true for a 429
   * @param sentAtMs the wall clock when the request was handed to the connection
   * @param nowMs the wall clock when the answer arrived
   */
  void answered(
      Endpoint endpoint,
      Integer limit,
      Integer remaining,
      Double resetSeconds,
      boolean rateLimited,
      long sentAtMs,
      long nowMs);

  QuotaFeedback IGNORE = (endpoint, limit, remaining, reset, rateLimited, sentAtMs, nowMs) -> {};
}
