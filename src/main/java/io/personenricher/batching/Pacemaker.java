package io.personenricher.batching;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;

/**
 * Keeps a task's wall-clock punctuator at the pace its work needs, and decides how long one
 * punctuation may wait for API answers.
 *
 * <ul>
 *   <li><b>Idle</b> (nothing held, nothing in flight): no punctuator at all. Every punctuation
 *       makes Kafka Streams commit, so a punctuator ticking on an idle task costs a transaction per
 *       commit interval under exactly-once.
 *   <li><b>Pending</b> (events held, no request in flight: lingering, waiting for a permit or a
 *       retry): every {@code pendingInterval}.
 *   <li><b>Awaiting answers</b> (requests in flight): on every pass of the stream thread's loop,
 *       and when no input came for half a poll interval, the punctuation waits up to {@code
 *       maxWait} for an answer ({@link ThreadWakeup}), so an answer is handled, and the next batch
 *       sent, the moment it lands instead of at the next punctuation.
 * </ul>
 *
 * <p>Threading notes: stream thread only.
 */
final class Pacemaker {

  /** The pace of the punctuator. */
  enum Pace {
    IDLE,
    PENDING,
    AWAITING_ANSWERS
  }

  /** Schedules the task's punctuator at an interval (Kafka Streams' {@code context.schedule}). */
  @FunctionalInterface
  interface Scheduler {
    Cancellable schedule(Duration interval);
  }

  /** Every pass of the loop: the smallest interval Kafka Streams accepts. */
  static final Duration EVERY_PASS = Duration.ofMillis(1);

  private final Scheduler scheduler;
  private final Duration pendingInterval;
  private final long maxWaitNanos;
  private Pace pace = Pace.IDLE;
  private Cancellable scheduled;

  /**
   * @param maxWait the longest one punctuation waits for answers: Kafka Streams' {@code poll.ms},
   *     so input that arrives meanwhile waits no longer than a poll would have let it
   */
  Pacemaker(Scheduler scheduler, Duration pendingInterval, Duration maxWait) {
    this.scheduler = scheduler;
    this.pendingInterval = pendingInterval;
    this.maxWaitNanos = maxWait.toNanos();
  }

  static Pace paceFor(long held, int inFlight) {
    if (inFlight > 0) {
      return Pace.AWAITING_ANSWERS;
    }
    return held > 0 ? Pace.PENDING : Pace.IDLE;
  }

  Pace pace() {
    return pace;
  }

  /** Sets the punctuator to the pace the task's work needs now. */
  void adjust(long held, int inFlight) {
    Pace wanted = paceFor(held, inFlight);
    if (wanted == pace) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
    }
    pace = wanted;
    if (wanted == Pace.PENDING) {
      scheduled = scheduler.schedule(pendingInterval);
    } else if (wanted == Pace.AWAITING_ANSWERS) {
      scheduled = scheduler.schedule(EVERY_PASS);
    }
  }

  /**
   * Whether this punctuation should wait for answers, and until when ({@link System#nanoTime()}):
   * {@code -1} for no wait.
   */
  long waitDeadline(ThreadWakeup wakeup, int inFlight, long nowNanos) {
    if (inFlight == 0 || !wakeup.mayWait(nowNanos, maxWaitNanos / 2)) {
      return -1;
    }
    return nowNanos + maxWaitNanos;
  }

  void stop() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
    }
    pace = Pace.IDLE;
  }
}
