package io.personenricher.batching;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The events a task still owes outputs for, kept in three changelogged stores so that a crash or a
 * rebalance loses nothing: the new owner restores the stores and sends again what was pending.
 *
 * <ul>
 *   <li>pending: events eligible for batching, keyed by group then input offset;
 *   <li>parked: events waiting behind an earlier event with the same record key (per-key order);
 *   <li>key heads: record keys that have an event pending or in flight.
 * </ul>
 *
 * <p>Only per-group counters live in memory, derived from the stores at start; the events
 * themselves never do, so the heap does not grow with the backlog.
 *
 * <p>Threading notes: stream thread only.
 */
final class PendingBuffer {

  private static final BytesSerializer PREFIX_SERIALIZER = new BytesSerializer();

  private final KeyValueStore<Bytes, byte[]> pending;
  private final KeyValueStore<Bytes, byte[]> parked;
  private final KeyValueStore<Bytes, byte[]> keyHeads;
  private final PendingEntryCodec codec;
  private final Map<GroupKey, Long> groupCounts = new HashMap<>();
  private long parkedCount;

  PendingBuffer(
      KeyValueStore<Bytes, byte[]> pending,
      KeyValueStore<Bytes, byte[]> parked,
      KeyValueStore<Bytes, byte[]> keyHeads,
      PendingEntryCodec codec) {
    this.pending = pending;
    this.parked = parked;
    this.keyHeads = keyHeads;
    this.codec = codec;
  }

  /** Rebuilds the in-memory counters from the (restored) stores. */
  void recount() {
    groupCounts.clear();
    try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        groupCounts.merge(StoreKeys.groupOf(all.next().key), 1L, Long::sum);
      }
    }
    parkedCount = 0;
    try (KeyValueIterator<Bytes, byte[]> all = parked.all()) {
      while (all.hasNext()) {
        all.next();
        parkedCount++;
      }
    }
  }

  long size() {
    return groupCounts.values().stream().mapToLong(Long::longValue).sum() + parkedCount;
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

  boolean hasHead(byte[] recordKey) {
    return keyHeads.get(Bytes.wrap(recordKey)) != null;
  }

  void markHead(byte[] recordKey, long offset) {
    keyHeads.put(Bytes.wrap(recordKey), ByteBuffer.allocate(8).putLong(offset).array());
  }

  void clearHead(byte[] recordKey) {
    keyHeads.delete(Bytes.wrap(recordKey));
  }

  void park(PendingEntry entry) {
    parked.put(StoreKeys.parkedKey(entry.key(), entry.offset()), codec.encode(entry));
    parkedCount++;
  }

  /** Removes and returns the oldest event parked behind the given record key, if any. */
  Optional<PendingEntry> unparkNext(byte[] recordKey) {
    KeyValue<Bytes, byte[]> first = null;
    try (KeyValueIterator<Bytes, byte[]> entries =
        parked.prefixScan(StoreKeys.recordKeyPrefix(recordKey), PREFIX_SERIALIZER)) {
      if (entries.hasNext()) {
        first = entries.next();
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    parked.delete(first.key);
    parkedCount--;
    return Optional.of(codec.decode(first.value));
  }
}
