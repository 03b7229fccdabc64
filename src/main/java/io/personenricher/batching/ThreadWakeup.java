package io.personenricher.batching;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes a stream thread that waits for API answers: one per stream thread, shared by the tasks it
 * runs, so a thread waiting on behalf of one task also wakes for another task's answer.
 *
 * <p>Why a stream thread waits here at all: with no input, Kafka Streams' loop blocks in the
 * consumer's poll for up to {@code poll.ms}, and nothing but input ends that wait; an answer that
 * lands then waits for the poll to end. So while answers are awaited and no input comes, a task's
 * punctuator spends part of the loop waiting on this signal instead (see {@link Pacemaker}): an
 * answer that lands then is handled at once.
 *
 * <p>Threading notes: {@link #signal} is called from the client's I/O threads and never blocks;
 * every other method runs on the owning stream thread. The flag is volatile; a signal given while
 * nobody waits is kept until the next wait, which then returns at once.
 */
final class ThreadWakeup {

  private static final ThreadLocal<ThreadWakeup> PER_THREAD =
      ThreadLocal.withInitial(() -> new ThreadWakeup(Thread.currentThread()));

  private final Thread owner;
  private volatile boolean signalled;
  private long lastInputNanos = Long.MIN_VALUE / 2;
  private long lastWaitEndNanos = Long.MIN_VALUE / 2;

  private ThreadWakeup(Thread owner) {
    this.owner = owner;
  }

  /** The signal of the calling (stream) thread. */
  static ThreadWakeup forCurrentThread() {
    return PER_THREAD.get();
  }

  /** An answer for one of the thread's tasks arrived. */
  void signal() {
    signalled = true;
    LockSupport.unpark(owner);
  }

  /** A task of this thread processed an input record. */
  void inputArrived(long nowNanos) {
    lastInputNanos = nowNanos;
  }

  /**
   * Whether a wait may start now: only when no input arrived for {@code quietNanos} (input flowing
   * means the thread is busy, and every record already handles the answers that landed), and not
   * right after another wait of this thread ended (another task's punctuator in the same pass of
   * the loop: one wait per pass).
   */
  boolean mayWait(long nowNanos, long quietNanos) {
    return nowNanos - lastInputNanos >= quietNanos && nowNanos - lastWaitEndNanos >= 1_000_000L;
  }

  /**
   * Waits until a signal or {@code deadlineNanos} ({@link System#nanoTime()}); true when signalled.
   * The signal is consumed.
   */
  boolean await(long deadlineNanos) {
    try {
      while (!signalled) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
          return false;
        }
        LockSupport.parkNanos(this, remaining);
      }
      signalled = false;
      return true;
    } finally {
      lastWaitEndNanos = System.nanoTime();
    }
  }
}
