package io.personenricher.batching;

import io.personenricher.client.EnrichRequest;
import java.util.List;

/**
 * A set of distinct identifiers of one group that travel together to the API, and its history.
 *
 * @param id unique within the task, for logs
 * @param calls API calls already made for these events (0 before the first send)
 * @param failures retriable failures so far; bounded by {@link BatchSettings#maxAttempts()}
 * @param firstAttemptAtMs wall-clock time of the first send, for the retry deadline (0 before it)
 * @param lastHttpStatus the last status the API answered, or null
 * @param notBeforeMs earliest wall-clock time the batch may be sent again
 */
record Batch(
    long id,
    GroupKey group,
    List<BatchItem> items,
    int calls,
    int failures,
    long firstAttemptAtMs,
    Integer lastHttpStatus,
    long notBeforeMs) {

  Batch {
    items = List.copyOf(items);
  }

  EnrichRequest request() {
    return new EnrichRequest(
        group.kind(),
        items.stream().map(BatchItem::sentValue).toList(),
        group.fields(),
        group.minSimilarityScore());
  }

  int events() {
    return items.stream().mapToInt(item -> item.members().size()).sum();
  }

  /** The state after one more send at {@code nowMs}. */
  Batch sent(long nowMs) {
    return new Batch(
        id,
        group,
        items,
        calls + 1,
        failures,
        firstAttemptAtMs == 0 ? nowMs : firstAttemptAtMs,
        lastHttpStatus,
        notBeforeMs);
  }

  Batch retryAt(long notBefore, Integer status, boolean countsAsFailure) {
    return new Batch(
        id,
        group,
        items,
        calls,
        countsAsFailure ? failures + 1 : failures,
        firstAttemptAtMs,
        status,
        notBefore);
  }

  /** The same history, for a part of the items (bisection). */
  Batch part(long newId, List<BatchItem> part, Integer status, long notBefore) {
    return new Batch(newId, group, part, calls, failures, firstAttemptAtMs, status, notBefore);
  }
}
