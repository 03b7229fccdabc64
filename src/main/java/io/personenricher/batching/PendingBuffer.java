package io.personenricher.batching;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The events waiting to be batched, grouped by {@link GroupKey} and kept in input order, in a
 * changelogged store.
 *
 * <p>Entries are stored in {@link PendingSegment segments} of up to a batch's worth of entries of
 * one group, keyed by group and a segment offset; a new event is appended to its group's newest
 * segment, rewritten in place. Within a commit the store cache collapses those rewrites, so each
 * touched segment costs one store write and one changelog record per commit, not every event two
 * (its addition and its removal); and since a batch takes a group's entries in input order, a batch
 * answered usually empties a whole segment, which then leaves the store as one deletion.
 *
 * <p>Invariants, per group: segments hold disjoint offset ranges, ordered like their keys, and a
 * segment's key is at most its first offset; so the segment holding an offset is the one with the
 * greatest key at or below it, and a range scan from there visits entries in input order. Values an
 * earlier release wrote (one entry each, keyed by its own offset) satisfy both and read as segments
 * of one.
 *
 * <p>In memory: per group, the count and a {@link SegmentIndex} of its segments (12 bytes a
 * segment, rebuilt from the store on restore), so the heap barely grows with the backlog.
 *
 * <p>Threading notes: stream thread only.
 */
final class PendingBuffer {

  /** Bytes per segment before a new one starts, whatever the count. */
  static final int SEGMENT_BYTES = 16 * 1024;

  private final KeyValueStore<Bytes, byte[]> pending;
  private final PendingEntryCodec codec;
  private final int segmentEntries;
  private final Map<GroupKey, Group> groups = new HashMap<>();
  private long size;

  /** One group's segments. */
  private static final class Group {
    final Bytes prefix;
    final SegmentIndex segments = new SegmentIndex();
    long count;

    Group(GroupKey key) {
      this.prefix = StoreKeys.groupPrefix(key);
    }
  }

  /**
   * @param segmentEntries entries per segment before a new one starts: the batch size, so that a
   *     batch usually answers one whole segment
   */
  PendingBuffer(KeyValueStore<Bytes, byte[]> pending, PendingEntryCodec codec, int segmentEntries) {
    this.pending = pending;
    this.codec = codec;
    this.segmentEntries = segmentEntries;
  }

  /** Rebuilds the in-memory counters from the (restored) store. */
  void recount() {
    recount(key -> {});
  }

  /**
   * Rebuilds the in-memory counters from the (restored) store, and tells {@code recordKeys} the
   * record key of every entry (null for entries without one).
   */
  void recount(Consumer<byte[]> recordKeys) {
    groups.clear();
    size = 0;
    try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> next = all.next();
        Group group = group(StoreKeys.groupOf(next.key));
        int entries = 0;
        if (PendingSegment.isSegment(next.value)) {
          entries = PendingSegment.count(next.value);
          PendingSegment.forEach(
              next.value,
              Long.MIN_VALUE,
              (offset, bytes, from, length) -> {
                recordKeys.accept(codec.recordKey(bytes, from, length));
                return true;
              });
        } else {
          entries = 1;
          recordKeys.accept(codec.recordKey(next.value, 0, next.value.length));
        }
        group.segments.add(StoreKeys.offsetOf(next.key), entries);
        group.count += entries;
        size += entries;
      }
    }
  }

  long size() {
    return size;
  }

  Set<GroupKey> groups() {
    return Collections.unmodifiableSet(groups.keySet());
  }

  long count(GroupKey group) {
    Group state = groups.get(group);
    return state == null ? 0 : state.count;
  }

  void add(GroupKey key, PendingEntry entry) {
    Group group = group(key);
    long offset = entry.offset();
    byte[] bytes = codec.encode(entry);
    int floor = group.segments.floor(offset);
    byte[] segment = floor < 0 ? null : segment(group, group.segments.offsetAt(floor));
    if (segment != null
        && (offset <= PendingSegment.lastOffset(segment)
            || (group.segments.countAt(floor) < segmentEntries
                && segment.length + bytes.length <= SEGMENT_BYTES))) {
      pending.put(
          StoreKeys.pendingKey(group.prefix, group.segments.offsetAt(floor)),
          PendingSegment.insert(segment, offset, bytes));
      group.segments.setCount(floor, group.segments.countAt(floor) + 1);
    } else {
      pending.put(StoreKeys.pendingKey(group.prefix, offset), PendingSegment.of(offset, bytes));
      group.segments.add(offset, 1);
    }
    group.count++;
    size++;
  }

  void remove(GroupKey key, long offset) {
    Group group = groups.get(key);
    int floor = group == null ? -1 : group.segments.floor(offset);
    if (floor < 0) {
      return;
    }
    Bytes storeKey = StoreKeys.pendingKey(group.prefix, group.segments.offsetAt(floor));
    byte[] segment = segment(group, group.segments.offsetAt(floor));
    byte[] rest = segment == null ? segment : PendingSegment.remove(segment, offset);
    if (rest == segment) {
      return;
    }
    if (rest == null) {
      pending.delete(storeKey);
      group.segments.removeAt(floor);
    } else {
      pending.put(storeKey, rest);
      group.segments.setCount(floor, group.segments.countAt(floor) - 1);
    }
    size--;
    if (--group.count == 0) {
      groups.remove(key);
    }
  }

  /**
   * Visits the group's entries from input offset {@code fromOffset} on, in input order, until the
   * visitor returns false. Starting past the entries already handed out matters: a scan from the
   * group's first segment would decode them every time.
   */
  void scan(GroupKey key, long fromOffset, Predicate<PendingEntry> visitor) {
    Group group = groups.get(key);
    if (group == null) {
      return;
    }
    int first = group.segments.floor(fromOffset);
    long from = first < 0 ? fromOffset : group.segments.offsetAt(first);
    try (KeyValueIterator<Bytes, byte[]> segments =
        pending.range(
            StoreKeys.pendingKey(group.prefix, from),
            StoreKeys.pendingKey(group.prefix, Long.MAX_VALUE))) {
      while (segments.hasNext()) {
        byte[] value = segments.next().value;
        boolean more =
            PendingSegment.isSegment(value)
                ? PendingSegment.forEach(
                    value,
                    fromOffset,
                    (offset, bytes, at, length) -> visitor.test(codec.decode(bytes, at, length)))
                : visitEntry(codec.decode(value), fromOffset, visitor);
        if (!more) {
          return;
        }
      }
    }
  }

  private static boolean visitEntry(
      PendingEntry entry, long fromOffset, Predicate<PendingEntry> visitor) {
    return entry.offset() < fromOffset || visitor.test(entry);
  }

  /** The segment under {@code segmentOffset} as a segment (an older single entry converted). */
  private byte[] segment(Group group, long segmentOffset) {
    byte[] value = pending.get(StoreKeys.pendingKey(group.prefix, segmentOffset));
    if (value == null || PendingSegment.isSegment(value)) {
      return value;
    }
    return PendingSegment.of(codec.offsetOf(value), value);
  }

  private Group group(GroupKey key) {
    return groups.computeIfAbsent(key, Group::new);
  }
}
