package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.StoreNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbStoreOptionsTest {

  @Test
  void storesAreOpenedWithLz4AndBloomFiltersForMisses() {
    Options options = configured(StoreNames.PENDING);
    try (options) {
      assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
      assertThat(options.optimizeFiltersForHits()).isFalse();
      assertThat(options.allowMmapReads()).isFalse();
      assertThat(options.memtablePrefixBloomSizeRatio())
          .isEqualTo(RocksDbStoreOptions.MEMTABLE_BLOOM_RATIO);
      assertThat(options.memtableWholeKeyFiltering()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {StoreNames.ANSWERS, StoreNames.ANSWER_BOOK})
  void answersCompressedByTheirCodecAreNotCompressedAgainAndAreReadThroughMemoryMaps(String store) {
    Options options = configured(store);
    try (options) {
      assertThat(options.compressionType()).isEqualTo(CompressionType.NO_COMPRESSION);
      assertThat(options.allowMmapReads()).isTrue();
      assertThat(options.optimizeFiltersForHits()).isFalse();
    }
  }

  /** Options as Kafka Streams hands them over (uncompressed, no last-level filters), then ours. */
  private static Options configured(String store) {
    RocksDB.loadLibrary();
    Options options =
        new Options()
            .setCompressionType(CompressionType.SNAPPY_COMPRESSION)
            .setOptimizeFiltersForHits(true);
    new RocksDbStoreOptions().setConfig(store, options, Map.of());
    return options;
  }
}
