package io.personenricher.batching;

import java.util.List;

/**
 * One scan of a group's pending entries.
 *
 * @param items up to the batch size of distinct identifiers to send, in input order
 * @param cachedHits entries whose identifier has a fresh answer already: answer them, send nothing
 * @param invalid entries an older release stored that the current validation refuses: dead-letter
 *     them
 * @param oldestMs the earliest enqueue time among the items' members ({@link Long#MAX_VALUE} when
 *     there are none)
 * @param restOldestMs the earliest enqueue time among the entries the scan left behind (twins of
 *     identifiers in flight, and the first entry that did not fit), or {@link Long#MAX_VALUE}
 * @param resumeAt where the group's next scan may start once these items are reserved
 * @param claims identifiers to claim (free ones) or whose claim to renew, before they can be sent
 * @param waitingOnClaims entries left behind because they wait on a claim: this task's, not yet in
 *     the answer book, or another task's, whose answer comes through the book
 */
record Assembly(
    List<BatchItem> items,
    List<BatchMember> cachedHits,
    List<PendingEntry> invalid,
    long oldestMs,
    long restOldestMs,
    long resumeAt,
    List<String> claims,
    long waitingOnClaims) {

  Assembly {
    claims = List.copyOf(claims);
    items = List.copyOf(items);
    cachedHits = List.copyOf(cachedHits);
    invalid = List.copyOf(invalid);
  }
}
