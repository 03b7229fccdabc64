package io.personenricher.batching;

import io.personenricher.client.EnrichRequest;
import java.util.List;

/**
 * A set of distinct identifiers of one group that travel together to the API, and its history.
 *
 * <p>Only calls that reached the API count: an answer the client gave locally (halted, queue full,
 * closed) neither uses up an attempt nor starts the retry deadline, however long it lasts.
 *
 * @param id unique within the task, for logs
 * @param calls API calls already made for these events (0 before the first one reached the API)
 * @param failures retriable failures so far; bounded by {@link BatchSettings#maxAttempts()}
 * @param firstCallAtMs wall-clock time of the first call that reached the API, for the retry
 *     deadline (0 before it)
 * @param notBeforeMs earliest wall-clock time the batch may be sent again
 */
record Batch(
    long id,
    GroupKey group,
    List<BatchItem> items,
    int calls,
    int failures,
    long firstCallAtMs,
    long notBeforeMs) {

  Batch {
    items = List.copyOf(items);
  }

  static Batch fresh(long id, GroupKey group, List<BatchItem> items) {
    return new Batch(id, group, items, 0, 0, 0, 0);
  }

  EnrichRequest request(EndpointRouting endpoints) {
    return new EnrichRequest(
        group.kind(),
        items.stream().map(BatchItem::sentValue).toList(),
        group.fields(),
        group.minSimilarityScore(),
        endpoints.of(group));
  }

  int events() {
    return items.stream().mapToInt(item -> item.members().size()).sum();
  }

  /** The history after one more call that reached the API, sent at {@code sentAtMs}. */
  Batch called(long sentAtMs) {
    return new Batch(
        id,
        group,
        items,
        calls + 1,
        failures,
        firstCallAtMs == 0 ? sentAtMs : firstCallAtMs,
        notBeforeMs);
  }

  /** The history after one more retriable failure. */
  Batch failed() {
    return new Batch(id, group, items, calls, failures + 1, firstCallAtMs, notBeforeMs);
  }

  Batch notBefore(long wallClockMs) {
    return new Batch(id, group, items, calls, failures, firstCallAtMs, wallClockMs);
  }

  /** The same history, for a part of the items (bisection). */
  Batch part(long newId, List<BatchItem> part) {
    return new Batch(newId, group, part, calls, failures, firstCallAtMs, notBeforeMs);
  }
}
