package io.personenricher.batching;

import java.nio.ByteBuffer;
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
 * <p>Both stores are changelogged, so the order survives a crash or a move of the task.
 *
 * <p>Threading notes: stream thread only.
 */
final class KeyOrderGate {

  private static final BytesSerializer PREFIX_SERIALIZER = new BytesSerializer();

  private final boolean enabled;
  private final KeyValueStore<Bytes, byte[]> parked;
  private final KeyValueStore<Bytes, byte[]> heads;
  private final PendingEntryCodec codec;
  private long parkedCount;

  KeyOrderGate(
      boolean enabled,
      KeyValueStore<Bytes, byte[]> parked,
      KeyValueStore<Bytes, byte[]> heads,
      PendingEntryCodec codec) {
    this.enabled = enabled;
    this.parked = parked;
    this.heads = heads;
    this.codec = codec;
  }

  /** Rebuilds the parked count from the (restored) store. */
  void recount() {
    parkedCount = 0;
    try (KeyValueIterator<Bytes, byte[]> all = parked.all()) {
      while (all.hasNext()) {
        all.next();
        parkedCount++;
      }
    }
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
    if (heads.get(key) != null) {
      parked.put(StoreKeys.parkedKey(entry.key(), entry.offset()), codec.encode(entry));
      parkedCount++;
      return false;
    }
    heads.put(key, offsetBytes(entry.offset()));
    return true;
  }

  /**
   * The head of {@code key} has its output: returns the next parked event of the key, now its head
   * (the caller must admit it), or empty when none waits and the key is free again.
   */
  Optional<PendingEntry> finish(byte[] key) {
    if (!ordered(key)) {
      return Optional.empty();
    }
    KeyValue<Bytes, byte[]> first = null;
    try (KeyValueIterator<Bytes, byte[]> entries =
        parked.prefixScan(StoreKeys.recordKeyPrefix(key), PREFIX_SERIALIZER)) {
      if (entries.hasNext()) {
        first = entries.next();
      }
    }
    if (first == null) {
      heads.delete(Bytes.wrap(key));
      return Optional.empty();
    }
    parked.delete(first.key);
    parkedCount--;
    PendingEntry next = codec.decode(first.value);
    heads.put(Bytes.wrap(key), offsetBytes(next.offset()));
    return Optional.of(next);
  }

  private boolean ordered(byte[] key) {
    return enabled && key != null;
  }

  private static byte[] offsetBytes(long offset) {
    return ByteBuffer.allocate(8).putLong(offset).array();
  }
}
