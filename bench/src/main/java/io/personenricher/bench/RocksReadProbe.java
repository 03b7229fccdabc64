package io.personenricher.bench;

import io.personenricher.batching.StoreNames;
import io.personenricher.topology.RocksDbStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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
 * LZ4-compressed already, so random bytes are its fair stand-in), flushed, reopened, and read back twice over: in
 * the order written, as scenario 3's cache-hit run asks for its answers, and in a random order, as a re-sync of
 * records in no particular order would (the files hold the keys sorted, so either order jumps between blocks,
 * and more than the block cache holds). A cache hit reads its answer once, so this is the floor of its
 * stream-thread cost that the store alone sets.
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

  /** Microseconds per read, each the median of {@link #PASSES} passes over every entry. */
  record Reads(double inWriteOrder, double inRandomOrder) {}

  static Reads microsPerRead(int entries, int valueBytes) {
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
      List<byte[]> shuffled = new ArrayList<>(Arrays.asList(keys));
      Collections.shuffle(shuffled, random);
      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        return new Reads(medianPass(db, Arrays.asList(keys)), medianPass(db, shuffled));
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("the RocksDB probe failed: " + e, e);
    } finally {
      delete(dir);
    }
  }

  private static double medianPass(RocksDB db, List<byte[]> keys) throws RocksDBException {
    double[] passes = new double[PASSES];
    for (int pass = 0; pass < PASSES; pass++) {
      long found = 0;
      long start = System.nanoTime();
      for (byte[] key : keys) {
        found += db.get(key) == null ? 0 : 1;
      }
      passes[pass] = (System.nanoTime() - start) / 1000.0 / keys.size();
      if (found != keys.size()) {
        throw new IllegalStateException("read back " + found + " of " + keys.size());
      }
    }
    Arrays.sort(passes);
    return passes[PASSES / 2];
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
