package io.personenricher.batching;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.text.Failures;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's API calls between sending and handling: the only part of the processor that two
 * threads touch.
 *
 * <p>A call counts as in flight from {@link #launch} until the stream thread has taken its {@link
 * Completion} with {@link #poll}, not merely until the client answered: the instance-wide count in
 * {@link ProcessorActivity} follows the same rule, so a graceful shutdown that waits for it to
 * reach zero never closes Kafka Streams while a paid-for answer still sits in the queue.
 *
 * <p>Threading notes: {@link #launch}, {@link #poll}, {@link #size} and {@link #close} run on the
 * stream thread; the client's callback runs on an I/O thread and only offers to the bounded queue,
 * whose capacity is the in-flight bound, so the offer never fails while the bound holds, and then
 * wakes the stream thread (a non-blocking signal). Before offering, it maps the answer onto the
 * output form ({@link PreparedAnswers}): pure work that would otherwise hold up the stream thread.
 * After {@link #close} late callbacks are dropped: their events stay pending in the store for the
 * next owner of the task.
 */
final class InFlightTable {

  private static final Logger log = LoggerFactory.getLogger(InFlightTable.class);

  private final int capacity;
  private final BlockingQueue<Completion> completions;
  private final ProcessorActivity activity;
  private final String taskId;
  private final Runnable answerArrived;
  private int size;
  private volatile boolean closed;

  InFlightTable(int capacity, ProcessorActivity activity, String taskId) {
    this(capacity, activity, taskId, () -> {});
  }

  /**
   * @param answerArrived told (on the I/O thread, after the completion is queued) whenever a call
   *     completes, to wake the stream thread; must not block
   */
  InFlightTable(int capacity, ProcessorActivity activity, String taskId, Runnable answerArrived) {
    this.capacity = capacity;
    this.completions = new ArrayBlockingQueue<>(capacity);
    this.activity = activity;
    this.taskId = taskId;
    this.answerArrived = answerArrived;
  }

  int size() {
    return size;
  }

  boolean hasRoom() {
    return size < capacity;
  }

  /** Registers a call the client accepted; its outcome comes back through {@link #poll}. */
  void launch(Batch batch, CompletionStage<EnrichOutcome> call, long sentAtMs) {
    if (size >= capacity) {
      throw new IllegalStateException("in-flight bound of " + capacity + " exceeded");
    }
    size++;
    activity.requestStarted();
    call.whenComplete(
        (outcome, error) -> {
          if (closed) {
            return;
          }
          EnrichOutcome result =
              outcome != null
                  ? outcome
                  : new EnrichOutcome.Retriable(
                      EnrichOutcome.RetryReason.CONNECTION_FAILED,
                      null,
                      Failures.describe(error),
                      null);
          if (completions.offer(new Completion(batch, result, sentAtMs, prepare(result)))) {
            answerArrived.run();
          } else {
            // Cannot happen while launches never exceed the queue's capacity; if it ever does,
            // the events stay pending and are re-sent by the next owner of the task.
            log.error(
                "Task {}: no room for the answer of batch {}; its events wait for a restart",
                taskId,
                batch.id());
          }
        });
  }

  /**
   * The outcome's entries in the output form, made here on the I/O thread. Whatever goes wrong must
   * not lose the completion: the stream thread then maps them itself, where a failure is handled as
   * it always was.
   */
  private static PreparedAnswers prepare(EnrichOutcome outcome) {
    try {
      return PreparedAnswers.of(outcome);
    } catch (Throwable e) {
      log.warn("Mapping an answer on the I/O thread failed; the stream thread maps it", e);
      return PreparedAnswers.NONE;
    }
  }

  /** The next completed call, or null; it no longer counts as in flight. */
  Completion poll() {
    return taken(completions.poll());
  }

  /** Like {@link #poll()}, waiting up to {@code timeoutNanos} for one (back-pressure). */
  Completion poll(long timeoutNanos) throws InterruptedException {
    return taken(completions.poll(timeoutNanos, TimeUnit.NANOSECONDS));
  }

  boolean hasCompletions() {
    return !completions.isEmpty();
  }

  /** Stops accepting answers; calls still out stay counted nowhere (their events stay pending). */
  void close() {
    closed = true;
    activity.requestsAbandoned(size);
    size = 0;
    completions.clear();
  }

  private Completion taken(Completion completion) {
    if (completion != null) {
      size--;
      activity.requestFinished();
    }
    return completion;
  }
}
