package io.personenricher.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the outputs of one record key in input order: while an event of a key is unfinished (its
 * <em>head</em>), later events of the key are parked, and the next one is released when the head
 * finishes.
 *
 * <p>Invariants: a key has a head exactly while one of its events is admitted (pending, in flight,
 * waiting to retry or waiting for the registry) and has no output yet; every other unfinished event
 * of the key is parked, in offset order. Events without a key, and every event when ordering is
 * off, pass straight through and never touch the stores.
 *
 * <p>Only the parked events are a store of their own (changelogged, so the order survives a crash
 * or a move of the task). The heads are {@link KeyHeads derived}: every head is an event of the
 * pending store or the registry wait list, so {@link #restore} rebuilds them when the task starts,
 * and an event that is admitted and answered between two commits, the common case, writes nothing
 * for its key. A head remembers whether anything is parked behind it, so finishing one with nothing
 * behind it does not look at the parked store.
 *
 * <p>Threading notes: stream thread only.
 */
final class KeyOrderGate {

  private static final BytesSerializer PREFIX_SERIALIZER = new BytesSerializer();

  private final boolean enabled;
  private final KeyValueStore<Bytes, byte[]> parked;
  private final KeyHeads heads;
  private final PendingEntryCodec codec;
  private long parkedCount;

  KeyOrderGate(
      boolean enabled,
      KeyValueStore<Bytes, byte[]> parked,
      KeyHeads heads,
      PendingEntryCodec codec) {
    this.enabled = enabled;
    this.parked = parked;
    this.heads = heads;
    this.codec = codec;
  }

  /** Starts the rebuild of the heads from the (restored) stores: forgets every head. */
  void beginRestore() {
    heads.clear();
  }

  /** A held event (pending or waiting for the registry) of {@code key}: it is its key's head. */
  void restoreHead(byte[] key) {
    if (ordered(key)) {
      heads.add(Bytes.wrap(key));
    }
  }

  /**
   * Ends the rebuild: counts the parked events and marks their heads. A parked event whose key has
   * no head becomes the head itself and is returned for the caller to admit; so is every parked
   * event when ordering is off. Either only happens after {@code enricher.order.preserve.per.key}
   * changed (parked events never outnumber the pending bound).
   */
  List<PendingEntry> finishRestore() {
    parkedCount = 0;
    List<KeyValue<Bytes, byte[]>> released = new ArrayList<>();
    byte[] lastKey = null;
    try (KeyValueIterator<Bytes, byte[]> all = parked.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> next = all.next();
        parkedCount++;
        byte[] key = StoreKeys.recordKeyOf(next.key);
        if (!enabled) {
          released.add(next);
        } else if (!Arrays.equals(lastKey, key)) {
          lastKey = key;
          if (heads.contains(Bytes.wrap(key))) {
            heads.parkedBehind(Bytes.wrap(key));
          } else {
            released.add(next);
          }
        }
      }
    }
    List<PendingEntry> entries = new ArrayList<>(released.size());
    for (KeyValue<Bytes, byte[]> next : released) {
      entries.add(release(next));
    }
    return entries;
  }

  long parkedCount() {
    return parkedCount;
  }

  /**
   * Admits the entry as its key's head, or parks it behind the current head; true when it may go on
   * now.
   */
  boolean enter(PendingEntry entry) {
    if (!ordered(entry.key())) {
      return true;
    }
    Bytes key = Bytes.wrap(entry.key());
    if (heads.contains(key)) {
      parked.put(StoreKeys.parkedKey(entry.key(), entry.offset()), codec.encode(entry));
      parkedCount++;
      heads.parkedBehind(key);
      return false;
    }
    heads.add(key);
    return true;
  }

  /**
   * The head of {@code key} has its output: returns the next parked event of the key, now its head
   * (the caller must admit it), or empty when none waits and the key is free again.
   */
  Optional<PendingEntry> finish(byte[] key) {
    if (!ordered(key) || !heads.remove(Bytes.wrap(key))) {
      return Optional.empty();
    }
    KeyValue<Bytes, byte[]> first = null;
    try (KeyValueIterator<Bytes, byte[]> entries =
        parked.prefixScan(StoreKeys.recordKeyPrefix(key), PREFIX_SERIALIZER)) {
      if (entries.hasNext()) {
        first = entries.next();
      }
    }
    return first == null ? Optional.empty() : Optional.of(release(first));
  }

  /** Takes a parked event out of the store and makes it its key's head. */
  private PendingEntry release(KeyValue<Bytes, byte[]> stored) {
    parked.delete(stored.key);
    parkedCount--;
    PendingEntry next = codec.decode(stored.value);
    if (!enabled) {
      return next;
    }
    Bytes key = Bytes.wrap(next.key());
    heads.add(key);
    try (KeyValueIterator<Bytes, byte[]> more =
        parked.prefixScan(StoreKeys.recordKeyPrefix(next.key()), PREFIX_SERIALIZER)) {
      if (more.hasNext()) {
        heads.parkedBehind(key);
      }
    }
    return next;
  }

  private boolean ordered(byte[] key) {
    return enabled && key != null;
  }
}
