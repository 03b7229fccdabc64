package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbStoreOptionsTest {

  @Test
  void storesAreOpenedWithLz4AndAMemtableBloomFilterOverWholeKeys() {
    RocksDB.loadLibrary();
    try (Options options = new Options().setCompressionType(CompressionType.NO_COMPRESSION)) {
      new RocksDbStoreOptions().setConfig("enricher-pending-v1", options, Map.of());

      assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
      assertThat(options.memtablePrefixBloomSizeRatio())
          .isEqualTo(RocksDbStoreOptions.MEMTABLE_BLOOM_RATIO);
      assertThat(options.memtableWholeKeyFiltering()).isTrue();
    }
  }
}
