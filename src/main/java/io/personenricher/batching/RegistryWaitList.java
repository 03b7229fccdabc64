package io.personenricher.batching;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Events held while the schema registry cannot be reached: input bytes that need a writer schema
 * the deserializer has not cached yet, and dead letters whose schema could not be registered. They
 * are nobody's fault, so they are neither dead-lettered nor dropped: they wait in a changelogged
 * store, in input order, and are taken up again when a retry finds the registry back.
 *
 * <p>Retries back off exponentially from {@code initialBackoffMs} to {@code maxBackoffMs}, so an
 * outage of any length costs a bounded number of registry calls and no thread, retry budget or
 * transaction ever runs out while it lasts.
 *
 * <p>Threading notes: stream thread only.
 */
final class RegistryWaitList {

  private static final int RETRY_SLICE = 500;

  private final KeyValueStore<Bytes, byte[]> store;
  private final PendingEntryCodec codec;
  private final long initialBackoffMs;
  private final long maxBackoffMs;
  private long size;
  private long nextAttemptAtMs;
  private int failures;

  RegistryWaitList(
      KeyValueStore<Bytes, byte[]> store,
      PendingEntryCodec codec,
      long initialBackoffMs,
      long maxBackoffMs) {
    this.store = store;
    this.codec = codec;
    this.initialBackoffMs = initialBackoffMs;
    this.maxBackoffMs = maxBackoffMs;
  }

  void recount() {
    recount(key -> {});
  }

  /** Counts the held entries of the (restored) store, telling {@code recordKeys} their keys. */
  void recount(Consumer<byte[]> recordKeys) {
    size = 0;
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        byte[] value = all.next().value;
        recordKeys.accept(codec.recordKey(value, 0, value.length));
        size++;
      }
    }
  }

  long size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void hold(PendingEntry entry) {
    if (store.get(key(entry.offset())) == null) {
      size++;
    }
    store.put(key(entry.offset()), codec.encode(entry));
  }

  /**
   * True while the registry is known to be unreachable and the backoff has not passed: nothing that
   * may need it (new batches, outputs) should be tried.
   */
  boolean blocked(long nowMs) {
    return failures > 0 && nowMs < nextAttemptAtMs;
  }

  /** True when a retry is worth making: something failed or waits, and the backoff has passed. */
  boolean due(long nowMs) {
    return (size > 0 || failures > 0) && nowMs >= nextAttemptAtMs;
  }

  /** True when the last registry call failed and no retry has succeeded since. */
  boolean failing() {
    return failures > 0;
  }

  /**
   * Offers the held entries in input order to {@code retry}, which returns false when the registry
   * failed again: the walk stops there and the next attempt backs off. Entries {@code retry}
   * accepts leave the list.
   *
   * @return true when every held entry was taken up
   */
  boolean retry(long nowMs, Predicate<PendingEntry> retry) {
    while (size > 0) {
      // Read a slice, then act on it: the retry writes to other stores, and this store's iterator
      // is not meant to see its own deletes.
      List<KeyValue<Bytes, byte[]>> slice = new ArrayList<>(RETRY_SLICE);
      try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
        while (all.hasNext() && slice.size() < RETRY_SLICE) {
          slice.add(all.next());
        }
      }
      if (slice.isEmpty()) {
        size = 0;
        break;
      }
      for (KeyValue<Bytes, byte[]> next : slice) {
        if (!retry.test(codec.decode(next.value))) {
          failed(nowMs);
          return false;
        }
        store.delete(next.key);
        size--;
      }
    }
    failures = 0;
    nextAttemptAtMs = 0;
    return true;
  }

  /**
   * Records a registry failure, so the next retry backs off from now. Failures met while already
   * backing off (other records of the same outage) do not lengthen the backoff.
   */
  void failed(long nowMs) {
    if (blocked(nowMs)) {
      return;
    }
    failures++;
    long backoff = initialBackoffMs << Math.min(failures - 1, 20);
    nextAttemptAtMs = nowMs + Math.min(maxBackoffMs, backoff < 0 ? maxBackoffMs : backoff);
  }

  long nextAttemptAtMs() {
    return nextAttemptAtMs;
  }

  private static Bytes key(long offset) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(offset).array());
  }
}
