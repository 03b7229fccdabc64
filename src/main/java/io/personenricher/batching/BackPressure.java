package io.personenricher.batching;

import java.util.function.LongSupplier;

/**
 * Slows intake to the API's pace: while the task holds more events than its bound, the stream
 * thread waits for answers instead of reading more records. The wait is capped per punctuation
 * cycle (the cycle in which Kafka Streams also commits and polls), so neither {@code
 * max.poll.interval.ms} nor the transaction timeout can run out, whatever the API does.
 *
 * <p>Threading notes: stream thread only.
 */
final class BackPressure {

  /** What the processor does with an answer that arrives while it waits. */
  @FunctionalInterface
  interface AnswerHandler {
    void handle(Completion completion);
  }

  private final long maxHeld;
  private final long budgetNanos;
  private final long pollNanos;
  private long blockedNanos;

  BackPressure(BatchSettings settings) {
    this.maxHeld = settings.maxPendingPerTask();
    this.budgetNanos = settings.maxBlock().toNanos();
    this.pollNanos = settings.punctuateInterval().toNanos();
  }

  /** A punctuation cycle began: the blocking budget is whole again. */
  void newCycle() {
    blockedNanos = 0;
  }

  /**
   * Waits, handling answers as they come, until the task holds fewer than its bound or the cycle's
   * budget is spent.
   */
  void apply(LongSupplier held, InFlightTable inFlight, AnswerHandler handler) {
    if (held.getAsLong() < maxHeld) {
      return;
    }
    long start = System.nanoTime();
    try {
      while (held.getAsLong() >= maxHeld) {
        long remaining = budgetNanos - blockedNanos - (System.nanoTime() - start);
        if (remaining <= 0) {
          break;
        }
        Completion completion = inFlight.poll(Math.min(remaining, pollNanos));
        if (completion != null) {
          handler.handle(completion);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      blockedNanos += System.nanoTime() - start;
    }
  }
}
