package io.personenricher.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * The RocksDB options of every store of the application, on top of Kafka Streams' own:
 *
 * <ul>
 *   <li>LZ4 compression. Kafka Streams opens its stores uncompressed, and what ours hold is text
 *       that repeats from entry to entry (identifier types, e-mail domains, profile-URL prefixes,
 *       record keys, field names): a backlog of a million pending events then takes a fraction of
 *       the disk. LZ4 costs little CPU, and it is spent in RocksDB's background flushes and
 *       compactions, not on the stream thread (the block cache holds blocks uncompressed).
 *   <li>A bloom filter over each memtable's whole keys. Most look-ups on the hot path are for keys
 *       the store does not hold (a new identifier in the answers store), and without it each one
 *       searches every memtable's skip list before the files' own bloom filters turn it away.
 * </ul>
 *
 * <p>Set as {@code rocksdb.config.setter}; a user's own setter ({@code
 * enricher.kafka.rocksdb.config .setter}) replaces it.
 */
public final class RocksDbStoreOptions implements RocksDBConfigSetter {

  static final CompressionType COMPRESSION = CompressionType.LZ4_COMPRESSION;

  /** Of the write buffer, for the memtable's bloom filter (RocksDB's suggested ratio). */
  static final double MEMTABLE_BLOOM_RATIO = 0.1;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setCompressionType(COMPRESSION);
    options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
    options.setMemtableWholeKeyFiltering(true);
  }

  @Override
  public void close(String storeName, Options options) {}
}
