package io.personenricher.search;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.SearchOutcome;
import io.personenricher.text.Failures;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's page calls between sending and handling: the only part of the search processor that two
 * threads touch. A call counts as in flight from {@link #launch} until the stream thread has taken
 * its answer with {@link #poll}.
 *
 * <p>Threading notes: {@link #launch}, {@link #poll}, {@link #inFlight} and {@link #close} run on
 * the stream thread; the client's callback runs on an I/O thread and only offers to the bounded
 * queue, whose capacity is the in-flight bound, so the offer never fails while the bound holds.
 * After {@link #close} late answers are dropped: their searches stay in the store for the next
 * owner of the task, which asks for the page again.
 */
final class PageCalls {

  private static final Logger log = LoggerFactory.getLogger(PageCalls.class);

  /** A page call's outcome, on its way back to the stream thread. */
  record Answered(long offset, SearchOutcome outcome, long sentAtMs) {}

  private final int capacity;
  private final BlockingQueue<Answered> answers;
  private final Set<Long> inFlight = new HashSet<>();
  private volatile boolean closed;

  PageCalls(int capacity) {
    this.capacity = capacity;
    this.answers = new ArrayBlockingQueue<>(capacity);
  }

  boolean hasRoom() {
    return inFlight.size() < capacity;
  }

  int room() {
    return capacity - inFlight.size();
  }

  /** True while the search at this offset has a page call out. */
  boolean inFlight(long offset) {
    return inFlight.contains(offset);
  }

  void launch(long offset, CompletionStage<SearchOutcome> call, long sentAtMs) {
    if (!hasRoom() || !inFlight.add(offset)) {
      throw new IllegalStateException("no room for another page call of search " + offset);
    }
    call.whenComplete(
        (outcome, error) -> {
          if (closed) {
            return;
          }
          SearchOutcome result =
              outcome != null
                  ? outcome
                  : new SearchOutcome.Failed(
                      new EnrichOutcome.Retriable(
                          EnrichOutcome.RetryReason.CONNECTION_FAILED,
                          null,
                          Failures.describe(error),
                          null));
          if (!answers.offer(new Answered(offset, result, sentAtMs))) {
            log.error("No room for the answer of search {}; it waits for a restart", offset);
          }
        });
  }

  /** The next answer, or null; its search no longer counts as in flight. */
  Answered poll() {
    Answered answered = answers.poll();
    if (answered != null) {
      inFlight.remove(answered.offset());
    }
    return answered;
  }

  boolean hasAnswers() {
    return !answers.isEmpty();
  }

  /** Stops accepting answers; the searches out stay in the store. */
  void close() {
    closed = true;
    inFlight.clear();
    answers.clear();
  }
}
