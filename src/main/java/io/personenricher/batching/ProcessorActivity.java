package io.personenricher.batching;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all enrichment processors of an instance are doing, for graceful shutdown and readiness: how
 * many API requests are outstanding, how many events are pending, and whether the instance is
 * draining.
 *
 * <p>Threading notes: written by stream threads, read by the shutdown hook and the ops server; all
 * fields are atomics, and no method blocks.
 */
public final class ProcessorActivity {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inFlightRequests = new AtomicInteger();
  private final AtomicLong pendingEntries = new AtomicLong();

  /**
   * Asks every processor to send what it holds now, without waiting for batches to fill or linger:
   * the last chance to finish in-flight work before the tasks close.
   */
  public void requestDrain() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  public int inFlightRequests() {
    return inFlightRequests.get();
  }

  /** Entries held in the pending stores of this instance's tasks (pending and parked). */
  public long pendingEntries() {
    return pendingEntries.get();
  }

  void requestStarted() {
    inFlightRequests.incrementAndGet();
  }

  void requestFinished() {
    inFlightRequests.decrementAndGet();
  }

  void pendingChanged(long delta) {
    pendingEntries.addAndGet(delta);
  }
}
