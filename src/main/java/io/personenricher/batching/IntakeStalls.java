package io.personenricher.batching;

import java.time.Duration;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Where the linger of a task's partial batch counts from ({@link DispatchPolicy}): from its oldest
 * event, or from the first record the task took in after a stall, if one came since.
 *
 * <p>While a task holds events, Kafka Streams calls it for every record and at least every
 * punctuation interval. A record that arrives after a longer silence shows that the stream thread
 * was away on other work while input queued up (at start-up it processes a record of the first
 * task, then opens the next task's stores for a few hundred milliseconds), so the partial batches
 * did not really wait for company in that time: their linger counts again from that record. A gap
 * that ends in a punctuation, with no record, restarts nothing: then no input was waiting.
 *
 * <p>A batch's linger restarts once at most, at the first such record after its oldest event: on a
 * thread too busy to call a task within a stall (every turn a stall), a partial batch then waits
 * one stall and one linger, not until its max wait.
 *
 * <p>Threading notes: stream thread only.
 */
final class IntakeStalls {

  /**
   * The least silence that counts as a stall, so that other tasks' turns on a busy thread do not.
   */
  static final long MIN_STALL_MS = 100;

  private final long stallMs;
  private final long keepMs;
  private final NavigableSet<Long> resumes = new TreeSet<>();
  private long lastCallMs = Long.MIN_VALUE;

  /**
   * @param stallMs the longest silence that is not a stall: a couple of punctuation intervals
   * @param keepMs how long a resumption matters: a batch's max wait, after which it goes anyway
   */
  IntakeStalls(long stallMs, long keepMs) {
    if (stallMs < 1 || keepMs < 0) {
      throw new IllegalArgumentException(
          "a stall must be at least 1 ms and the time kept at least 0, got "
              + stallMs
              + " and "
              + keepMs);
    }
    this.stallMs = stallMs;
    this.keepMs = keepMs;
  }

  /**
   * Stalls of a task punctuated every {@code interval}: two intervals, at least {@link
   * #MIN_STALL_MS}; kept for {@code maxWait}.
   */
  static IntakeStalls of(Duration interval, Duration maxWait) {
    return new IntakeStalls(Math.max(MIN_STALL_MS, 2 * interval.toMillis()), maxWait.toMillis());
  }

  /** Kafka Streams called the task (its start, a punctuation's start or end). */
  void called(long nowMs) {
    lastCallMs = Math.max(lastCallMs, nowMs);
  }

  /** Kafka Streams handed the task a record. */
  void recordArrived(long nowMs) {
    if (lastCallMs != Long.MIN_VALUE && nowMs - lastCallMs > stallMs) {
      resumes.add(nowMs);
      resumes.headSet(nowMs - keepMs, false).clear();
    }
    called(nowMs);
  }

  /**
   * Where the linger of a batch whose oldest event came at {@code oldestMs} counts from: the first
   * record after a stall since then, or {@code oldestMs}.
   */
  long lingerFromMs(long oldestMs) {
    // Asked for every partial group on every pass of the dispatcher: answer the usual case (no
    // stall since) without boxing a key for the search.
    if (resumes.isEmpty() || resumes.last() <= oldestMs) {
      return oldestMs;
    }
    Long resumed = resumes.higher(oldestMs);
    return resumed == null ? oldestMs : resumed;
  }
}
