package io.personenricher.testutil;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An initialised in-memory store that counts the reads and writes reaching it, for unit tests of
 * the layers that are meant to spare a store.
 */
public final class CountingStore implements KeyValueStore<Bytes, byte[]> {

  private final KeyValueStore<Bytes, byte[]> store;
  private int gets;
  private int writes;

  public CountingStore(String name) {
    this.store = TestStores.inMemory(name);
  }

  public int gets() {
    return gets;
  }

  public int writes() {
    return writes;
  }

  @Override
  public byte[] get(Bytes key) {
    gets++;
    return store.get(key);
  }

  @Override
  public void put(Bytes key, byte[] value) {
    writes++;
    store.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    writes++;
    return store.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    writes += entries.size();
    store.putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    writes++;
    return store.delete(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return store.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return store.all();
  }

  @Override
  public long approximateNumEntries() {
    return store.approximateNumEntries();
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // Initialised already.
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }
}
