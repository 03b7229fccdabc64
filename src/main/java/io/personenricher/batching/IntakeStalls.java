package io.personenricher.batching;

import java.time.Duration;

/**
 * Since when a task has taken in its input without a stall, for the linger of its partial batches
 * ({@link DispatchPolicy}).
 *
 * <p>While a task holds events, Kafka Streams calls it for every record and at least every
 * punctuation interval. A record that arrives after a longer silence shows that the stream thread
 * was away on other work while input queued up (at start-up it processes a record of the first
 * task, then opens the next task's stores for a few hundred milliseconds), so the partial batches
 * did not really wait for company in that time: their linger counts again from that record. A gap
 * that ends in a punctuation, with no record, restarts nothing: then no input was waiting.
 *
 * <p>Threading notes: stream thread only.
 */
final class IntakeStalls {

  /**
   * The least silence that counts as a stall, so that other tasks' turns on a busy thread do not.
   */
  static final long MIN_STALL_MS = 100;

  private final long stallMs;
  private long lastCallMs = Long.MIN_VALUE;
  private long resumedAtMs = Long.MIN_VALUE;

  /**
   * @param stallMs the longest silence that is not a stall: a couple of punctuation intervals
   */
  IntakeStalls(long stallMs) {
    if (stallMs < 1) {
      throw new IllegalArgumentException("a stall must be at least 1 ms, got " + stallMs);
    }
    this.stallMs = stallMs;
  }

  /**
   * Stalls of a task punctuated every {@code interval}: two intervals, at least {@link
   * #MIN_STALL_MS}.
   */
  static IntakeStalls atPunctuationsOf(Duration interval) {
    return new IntakeStalls(Math.max(MIN_STALL_MS, 2 * interval.toMillis()));
  }

  /** Kafka Streams called the task (its start, a punctuation's start or end). */
  void called(long nowMs) {
    lastCallMs = Math.max(lastCallMs, nowMs);
  }

  /** Kafka Streams handed the task a record. */
  void recordArrived(long nowMs) {
    if (lastCallMs != Long.MIN_VALUE && nowMs - lastCallMs > stallMs) {
      resumedAtMs = nowMs;
    }
    called(nowMs);
  }

  /** The first record after the latest stall; {@link Long#MIN_VALUE} when there was none. */
  long resumedAtMs() {
    return resumedAtMs;
  }
}
