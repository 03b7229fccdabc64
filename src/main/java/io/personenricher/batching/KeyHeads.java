package io.personenricher.batching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The record keys that have an unfinished event (their <em>head</em>), and for each whether later
 * events of the key are parked behind it.
 *
 * <p>Derived state, not a source of truth: every head is an event held in the pending store or the
 * registry wait list, both changelogged, so the heads are rebuilt from them whenever a task starts
 * ({@link #clear} then {@link #add} per held event) and nothing here is changelogged. Up to {@code
 * memoryLimit} heads live in memory, the rest in a local store without a changelog, so a
 * million-event backlog costs disk, not heap, while the common case (a head added and removed
 * within moments) touches no store at all.
 *
 * <p>Threading notes: stream thread only.
 */
final class KeyHeads {

  private static final byte[] FREE = {0};
  private static final byte[] PARKED_BEHIND = {1};
  private static final int CLEAR_SLICE = 1_000;

  private final KeyValueStore<Bytes, byte[]> overflow;
  private final int memoryLimit;
  private final Map<Bytes, Boolean> inMemory = new HashMap<>();
  private long overflowCount;

  /**
   * @param overflow a local store for the heads beyond {@code memoryLimit}; never changelogged
   */
  KeyHeads(KeyValueStore<Bytes, byte[]> overflow, int memoryLimit) {
    this.overflow = overflow;
    this.memoryLimit = memoryLimit;
  }

  /** Forgets every head, including what a previous owner left in the overflow store. */
  void clear() {
    inMemory.clear();
    overflowCount = 0;
    Bytes from = null;
    while (true) {
      List<Bytes> slice = new ArrayList<>(CLEAR_SLICE);
      // Slices, each starting after the last: deleting while iterating is not something every
      // store iterator promises to tolerate.
      try (KeyValueIterator<Bytes, byte[]> keys =
          from == null ? overflow.all() : overflow.range(from, null)) {
        while (keys.hasNext() && slice.size() < CLEAR_SLICE) {
          KeyValue<Bytes, byte[]> next = keys.next();
          if (from == null || !next.key.equals(from)) {
            slice.add(next.key);
          }
        }
      }
      if (slice.isEmpty()) {
        return;
      }
      slice.forEach(overflow::delete);
      from = slice.get(slice.size() - 1);
    }
  }

  long size() {
    return inMemory.size() + overflowCount;
  }

  boolean contains(Bytes key) {
    return inMemory.containsKey(key) || (overflowCount > 0 && overflow.get(key) != null);
  }

  /** Makes {@code key} a head with nothing parked behind it (yet). */
  void add(Bytes key) {
    if (inMemory.size() < memoryLimit) {
      inMemory.put(key, Boolean.FALSE);
    } else if (overflow.putIfAbsent(key, FREE) == null) {
      overflowCount++;
    }
  }

  /** Notes that an event is parked behind the head of {@code key}. */
  void parkedBehind(Bytes key) {
    if (inMemory.containsKey(key)) {
      inMemory.put(key, Boolean.TRUE);
    } else {
      overflow.put(key, PARKED_BEHIND);
    }
  }

  /** Removes the head of {@code key}; true when events were parked behind it. */
  boolean remove(Bytes key) {
    Boolean parked = inMemory.remove(key);
    if (parked != null) {
      return parked;
    }
    if (overflowCount == 0) {
      return false;
    }
    byte[] value = overflow.delete(key);
    if (value == null) {
      return false;
    }
    overflowCount--;
    return value[0] == PARKED_BEHIND[0];
  }
}
