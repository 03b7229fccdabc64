package io.personenricher.topology;

import io.personenricher.batching.StoreNames;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * The RocksDB options of every store of the application, on top of Kafka Streams' own:
 *
 * <ul>
 *   <li>LZ4 compression, except for the stores of answers. Kafka Streams opens its stores
 *       uncompressed, and what the others hold is text that repeats from entry to entry (identifier
 *       types, e-mail domains, profile-URL prefixes, record keys, field names): a backlog of a
 *       million pending events then takes a fraction of the disk. LZ4 costs little CPU, and it is
 *       spent in RocksDB's background flushes and compactions, not on the stream thread. An answer
 *       is LZ4-compressed already by its codec: compressing its blocks again would only cost a
 *       decompression on every cache hit that misses the block cache.
 *   <li>Bloom filters on the last level too. Kafka Streams skips them ({@code
 *       optimize_filters_for_hits}), which suits stores whose look-ups mostly find their key; ours
 *       mostly do not (a new identifier in the answers store, a key with no head), and without a
 *       filter each such miss reads an index and a data block. It halves a miss's cost for about
 *       ten bits per key.
 *   <li>A bloom filter over each memtable's whole keys, for the same misses: without it each one
 *       searches every memtable's skip list before the files' own filters turn it away.
 * </ul>
 *
 * <p>Set as {@code rocksdb.config.setter}; a user's own setter ({@code
 * enricher.kafka.rocksdb.config .setter}) replaces it.
 */
public final class RocksDbStoreOptions implements RocksDBConfigSetter {

  static final CompressionType COMPRESSION = CompressionType.LZ4_COMPRESSION;

  /**
   * The stores of answers: read by point look-ups on every event (a cache hit is one read), their
   * values compressed already by their codec.
   */
  static final Set<String> ANSWER_STORES = Set.of(StoreNames.ANSWERS, StoreNames.ANSWER_BOOK);

  /** Of the write buffer, for the memtable's bloom filter (RocksDB's suggested ratio). */
  static final double MEMTABLE_BLOOM_RATIO = 0.1;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    boolean answers = ANSWER_STORES.contains(storeName);
    options.setCompressionType(answers ? CompressionType.NO_COMPRESSION : COMPRESSION);
    options.setAllowMmapReads(answers);
    options.setOptimizeFiltersForHits(false);
    options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
    options.setMemtableWholeKeyFiltering(true);
  }

  @Override
  public void close(String storeName, Options options) {}
}
