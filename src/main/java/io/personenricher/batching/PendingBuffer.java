package io.personenricher.batching;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The events waiting to be batched, grouped by {@link GroupKey} and kept in input order, in a
 * changelogged store. Only counts live in memory (rebuilt from the store on restore), so the heap
 * does not grow with the backlog.
 *
 * <p>Threading notes: stream thread only.
 */
final class PendingBuffer {

  private final KeyValueStore<Bytes, byte[]> pending;
  private final PendingEntryCodec codec;
  private final Map<GroupKey, Long> groupCounts = new HashMap<>();

  PendingBuffer(KeyValueStore<Bytes, byte[]> pending, PendingEntryCodec codec) {
    this.pending = pending;
    this.codec = codec;
  }

  /** Rebuilds the in-memory counters from the (restored) store. */
  void recount() {
    groupCounts.clear();
    try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        groupCounts.merge(StoreKeys.groupOf(all.next().key), 1L, Long::sum);
      }
    }
  }

  long size() {
    return groupCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  Set<GroupKey> groups() {
    return Collections.unmodifiableSet(groupCounts.keySet());
  }

  long count(GroupKey group) {
    return groupCounts.getOrDefault(group, 0L);
  }

  void add(GroupKey group, PendingEntry entry) {
    pending.put(StoreKeys.pendingKey(group, entry.offset()), codec.encode(entry));
    groupCounts.merge(group, 1L, Long::sum);
  }

  void remove(GroupKey group, long offset) {
    if (pending.delete(StoreKeys.pendingKey(group, offset)) != null) {
      groupCounts.computeIfPresent(group, (g, n) -> n <= 1 ? null : n - 1);
    }
  }

  /**
   * Visits the group's entries from input offset {@code fromOffset} on, in input order, until the
   * visitor returns false. Starting past the entries already handed out matters: answered entries
   * leave tombstones that a scan from the group's first key would have to walk every time.
   */
  void scan(GroupKey group, long fromOffset, Predicate<PendingEntry> visitor) {
    try (KeyValueIterator<Bytes, byte[]> entries =
        pending.range(
            StoreKeys.pendingKey(group, fromOffset), StoreKeys.pendingKey(group, Long.MAX_VALUE))) {
      while (entries.hasNext()) {
        if (!visitor.test(codec.decode(entries.next().value))) {
          return;
        }
      }
    }
  }
}
