package io.personenricher.batching;

import java.util.random.RandomGenerator;

/**
 * Bounded retries: exponential backoff with jitter, capped, until a number of failures or a
 * deadline.
 *
 * <p>The jitter is "equal jitter" (half fixed, half random): it spreads the retries of many tasks
 * that failed together without ever retrying at once.
 */
final class RetryPolicy {

  private final BatchSettings settings;
  private final RandomGenerator random;

  RetryPolicy(BatchSettings settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  /** Delay before the retry that follows the given number of failures (1 = the first failure). */
  long backoffMs(int failures) {
    return Backoff.delayMs(
        settings.initialBackoff().toMillis(), settings.maxBackoff().toMillis(), failures, random);
  }

  /** True when a batch with this history must not be retried again. */
  boolean exhausted(Batch batch, long nowMs) {
    return batch.failures() >= settings.maxAttempts()
        || (batch.firstCallAtMs() > 0
            && nowMs - batch.firstCallAtMs() >= settings.retryDeadline().toMillis());
  }
}
