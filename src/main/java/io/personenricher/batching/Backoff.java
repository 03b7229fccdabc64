package io.personenricher.batching;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), capped: it spreads the retries
 * of many callers that failed together without ever retrying at once. Shared by the enrichment
 * retries and the search pages.
 */
public final class Backoff {

  private Backoff() {}

  /** Delay before the retry that follows {@code failures} failures (1 = the first failure). */
  public static long delayMs(long initialMs, long capMs, int failures, RandomGenerator random) {
    long exponential = initialMs << Math.min(Math.max(failures - 1, 0), 30);
    long base = Math.min(capMs, exponential < 0 ? capMs : exponential);
    long half = base / 2;
    return half + (half > 0 ? random.nextLong(half + 1) : 0);
  }
}
