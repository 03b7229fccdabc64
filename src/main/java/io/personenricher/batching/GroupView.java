package io.personenricher.batching;

/**
 * What the dispatch policy knows of one group without reading the store.
 *
 * @param unreserved pending entries not yet in a batch (twins waiting for an answer included); with
 *     claims, only those whose claim the book confirmed
 * @param coming with claims, the unreserved entries not ready yet that this task will send: those
 *     waiting for its claim to come back through the book, and those taken in since the last scan
 *     (not those waiting for another task's answer or a twin's); {@code 0} without claims
 * @param scanAtMs the earliest wall-clock time a scan could find a batch worth sending; {@link
 *     Long#MIN_VALUE} when a scan may find one now
 * @param oldestMs enqueue time of the oldest unreserved entry, as far as known
 * @param newestMs enqueue time of the newest entry the group took in ({@link Long#MIN_VALUE} when
 *     unknown, as after a restore): whether the group is still growing
 * @param awaitingAnswers the last scan found nothing but twins of identifiers in flight: only their
 *     answer (or a new entry) can change that, whatever the clock or a drain says
 */
record GroupView(
    GroupKey group,
    long unreserved,
    long coming,
    long scanAtMs,
    long oldestMs,
    long newestMs,
    boolean awaitingAnswers) {}
