package io.personenricher.batching;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Batches waiting to be sent again (retries, halves of a bisected batch, batches held by a halt),
 * earliest due first. Their members stay reserved, so they are never batched twice.
 *
 * <p>Bounded by the processor: a task never holds more than its in-flight bound of calls in flight
 * plus waiting here.
 *
 * <p>Threading notes: stream thread only.
 */
final class RetryQueue {

  private final PriorityQueue<Batch> waiting =
      new PriorityQueue<>(
          Comparator.comparingLong(Batch::notBeforeMs).thenComparingLong(Batch::id));

  void add(Batch batch) {
    waiting.add(batch);
  }

  int size() {
    return waiting.size();
  }

  /** Every waiting batch, due or not, in no particular order (a read-only view). */
  java.util.Collection<Batch> waiting() {
    return java.util.Collections.unmodifiableCollection(waiting);
  }

  /**
   * The earliest batch accepted by {@code which} that is due at {@code nowMs}, removed; else null.
   */
  Batch pollDue(long nowMs, java.util.function.Predicate<Batch> which) {
    Batch found = null;
    for (Batch batch : waiting) {
      if (batch.notBeforeMs() <= nowMs
          && which.test(batch)
          && (found == null
              || batch.notBeforeMs() < found.notBeforeMs()
              || (batch.notBeforeMs() == found.notBeforeMs() && batch.id() < found.id()))) {
        found = batch;
      }
    }
    if (found != null) {
      waiting.remove(found);
    }
    return found;
  }

  /** The batches accepted by {@code which} that are due at {@code nowMs}. */
  java.util.List<Batch> due(long nowMs, java.util.function.Predicate<Batch> which) {
    return waiting.stream().filter(b -> b.notBeforeMs() <= nowMs && which.test(b)).toList();
  }

  /** The earliest batch if it is due at {@code nowMs}, removed; else null. */
  Batch pollDue(long nowMs) {
    Batch head = waiting.peek();
    return head != null && head.notBeforeMs() <= nowMs ? waiting.poll() : null;
  }

  /** When the earliest batch is due, or {@link Long#MAX_VALUE} when none waits. */
  long nextDueMs() {
    Batch head = waiting.peek();
    return head == null ? Long.MAX_VALUE : head.notBeforeMs();
  }
}
