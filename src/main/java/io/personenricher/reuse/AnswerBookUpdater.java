package io.personenricher.reuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global answer store: folds each record of the answers topic into it ({@link
 * ReuseFold}), and sweeps a few stored keys now and then, dropping answers past the time-to-live
 * and claims past their end, so the store holds what is still of use rather than every identifier
 * ever seen.
 *
 * <p>Kafka Streams replays the topic through this processor when it restores the store, so a
 * restore folds exactly what processing did. Time is the records' timestamps, never a clock, for
 * the same reason.
 *
 * <p>Threading notes: runs on the instance's global stream thread only. It never throws on a
 * record: a dead global thread would stop the whole instance.
 */
public final class AnswerBookUpdater implements Processor<Bytes, byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(AnswerBookUpdater.class);

  /** A sweep step runs once per this many records, and looks at this many keys. */
  static final int SWEEP_EVERY = 64;

  static final int SWEEP_KEYS = 256;

  private final String storeName;
  private final long ttlMs;
  private KeyValueStore<Bytes, byte[]> store;
  private long records;
  private Bytes sweepFrom;
  private boolean unreadableLogged;

  public AnswerBookUpdater(String storeName, long ttlMs) {
    this.storeName = storeName;
    this.ttlMs = ttlMs;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<Bytes, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      return;
    }
    Optional<ReuseRecord> incoming = ReuseRecordCodec.decode(record.value());
    if (incoming.isEmpty()) {
      if (!unreadableLogged) {
        unreadableLogged = true;
        log.warn(
            "The answers topic holds a record this release cannot read (ignored; logged once)");
      }
      return;
    }
    Optional<ReuseRecord> current = ReuseRecordCodec.decode(store.get(record.key()));
    Optional<ReuseRecord> next =
        ReuseFold.apply(current, incoming.get(), record.timestamp(), ttlMs);
    if (next.isEmpty()) {
      store.delete(record.key());
    } else if (!next.equals(current)) {
      store.put(record.key(), ReuseRecordCodec.encode(next.get()));
    }
    if (++records % SWEEP_EVERY == 0) {
      sweep(record.timestamp());
    }
  }

  /** Drops what expired among the next {@link #SWEEP_KEYS} keys, going round the store. */
  void sweep(long atMs) {
    List<Bytes> expired = new ArrayList<>();
    Bytes last = null;
    int seen = 0;
    try (KeyValueIterator<Bytes, byte[]> keys = store.range(sweepFrom, null)) {
      while (keys.hasNext() && seen < SWEEP_KEYS) {
        KeyValue<Bytes, byte[]> next = keys.next();
        seen++;
        last = next.key;
        Optional<ReuseRecord> stored = ReuseRecordCodec.decode(next.value);
        if (stored.isEmpty() || ReuseFold.expired(stored.get(), atMs, ttlMs)) {
          expired.add(next.key);
        }
      }
    }
    expired.forEach(store::delete);
    sweepFrom = seen < SWEEP_KEYS || last == null ? null : successor(last);
  }

  /** The smallest key after {@code key} (the key with a zero byte appended). */
  private static Bytes successor(Bytes key) {
    byte[] bytes = key.get();
    byte[] next = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, next, 0, bytes.length);
    return Bytes.wrap(next);
  }
}
