package io.personenricher.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * Compresses every RocksDB store of the application with LZ4. Kafka Streams opens its stores
 * uncompressed, and what ours hold is text that repeats from entry to entry (identifier types,
 * e-mail domains, profile-URL prefixes, record keys, JSON field names): a backlog of a million
 * pending events then takes a fraction of the disk. LZ4 costs little CPU, and it is spent in
 * RocksDB's background flushes and compactions, not on the stream thread (the block cache holds
 * blocks uncompressed).
 *
 * <p>Set as {@code rocksdb.config.setter}; a user's own setter ({@code
 * enricher.kafka.rocksdb.config .setter}) replaces it.
 */
public final class StoreCompression implements RocksDBConfigSetter {

  static final CompressionType COMPRESSION = CompressionType.LZ4_COMPRESSION;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setCompressionType(COMPRESSION);
  }

  @Override
  public void close(String storeName, Options options) {}
}
