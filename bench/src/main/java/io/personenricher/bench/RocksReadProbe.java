package io.personenricher.bench;

import io.personenricher.batching.StoreNames;
import io.personenricher.topology.RocksDbStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * What one point read of the answer store costs on this machine, without Kafka Streams around it: a RocksDB
 * opened with Kafka Streams' own options for a persistent store (a 50 MB block cache, 4 KB blocks, a bloom filter,
 * universal compaction, 16 MB write buffers, no compression) and then the product's ({@link RocksDbStoreOptions}
 * for the answers store), filled with {@code entries} values of {@code valueBytes} random bytes (an answer is
 * LZ4-compressed already, so random bytes are its fair stand-in), flushed, reopened, and read back in the order
 * written, as scenario 3's cache-hit run reads its answers. A cache hit reads its answer once, so this is the floor
 * of its stream-thread cost that the store alone sets.
 *
 * <p>Threading notes: the scenario thread only.
 */
final class RocksReadProbe {

  private static final long BLOCK_CACHE_BYTES = 50L * 1024 * 1024;
  private static final long BLOCK_BYTES = 4096;
  private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
  private static final int WRITE_BUFFERS = 3;
  private static final int PASSES = 3;

  private RocksReadProbe() {}

  /** Microseconds per read, the median of {@link #PASSES} passes over every entry. */
  static double microsPerRead(int entries, int valueBytes) {
    RocksDB.loadLibrary();
    Path dir;
    try {
      dir = Files.createTempDirectory("bench-rocks-read");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[][] keys = new byte[entries][];
    Random random = new Random(42);
    try (LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
        BloomFilter filter = new BloomFilter();
        Options options = options(cache, filter)) {
      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        byte[] value = new byte[valueBytes];
        for (int i = 0; i < entries; i++) {
          keys[i] = ("BUSINESS_EMAIL|person" + i + "@company" + (i % 997) + ".example").getBytes(StandardCharsets.UTF_8);
          random.nextBytes(value);
          db.put(keys[i], value);
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
          db.flush(flush);
        }
      }
      double[] passes = new double[PASSES];
      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        for (int pass = 0; pass < PASSES; pass++) {
          long found = 0;
          long start = System.nanoTime();
          for (byte[] key : keys) {
            found += db.get(key) == null ? 0 : 1;
          }
          passes[pass] = (System.nanoTime() - start) / 1000.0 / entries;
          if (found != entries) {
            throw new IllegalStateException("read back " + found + " of " + entries);
          }
        }
      }
      Arrays.sort(passes);
      return passes[PASSES / 2];
    } catch (RocksDBException e) {
      throw new IllegalStateException("the RocksDB probe failed: " + e, e);
    } finally {
      delete(dir);
    }
  }

  private static Options options(LRUCache cache, BloomFilter filter) {
    BlockBasedTableConfig table = new BlockBasedTableConfig();
    table.setBlockCache(cache);
    table.setBlockSize(BLOCK_BYTES);
    table.setFilterPolicy(filter);
    Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
        .setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxWriteBufferNumber(WRITE_BUFFERS)
        .setCompactionStyle(CompactionStyle.UNIVERSAL).setOptimizeFiltersForHits(true);
    new RocksDbStoreOptions().setConfig(StoreNames.ANSWERS, options, Map.of());
    return options;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      System.out.println("bench: could not delete " + dir + ": " + e);
    }
  }
}
