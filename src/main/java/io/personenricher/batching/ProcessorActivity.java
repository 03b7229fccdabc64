package io.personenricher.batching;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all enrichment processors of an instance are doing, for graceful shutdown and readiness: how
 * many API requests are outstanding, how many events are pending, whether the instance is draining,
 * and whether the schema registry is out of reach.
 *
 * <p>Threading notes: written by stream threads, read by the shutdown hook and the ops server; all
 * fields are atomics or concurrent maps, and no method blocks.
 */
public final class ProcessorActivity {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inFlightRequests = new AtomicInteger();
  private final AtomicLong pendingEntries = new AtomicLong();
  private final Map<String, String> registryProblems = new ConcurrentHashMap<>();

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

  /**
   * Why the schema registry cannot be used, when any task of this instance met that and has not
   * recovered since; empty while the registry answers.
   */
  public Optional<String> registryProblem() {
    return registryProblems.values().stream().findFirst();
  }

  void registryUnavailable(String taskId, String reason) {
    registryProblems.put(taskId, reason);
  }

  void registryAvailable(String taskId) {
    registryProblems.remove(taskId);
  }

  void requestStarted() {
    inFlightRequests.incrementAndGet();
  }

  void requestFinished() {
    inFlightRequests.decrementAndGet();
  }

  /** A task closed with this many calls out; their answers will not be handled here. */
  void requestsAbandoned(int count) {
    inFlightRequests.addAndGet(-count);
  }

  void pendingChanged(long delta) {
    pendingEntries.addAndGet(delta);
  }
}
