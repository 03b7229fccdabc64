package io.personenricher.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads committed output records ({@code read_committed}, so aborted transactions never count) from the start
 * of the given topics and keeps, per distinct key, when it first showed up: the record's own timestamp (set by
 * the processor at forward time) and the wall clock when this consumer saw it.
 *
 * <p>Threading notes: one thread (the scenario's) polls it.
 */
final class OutputWatcher implements AutoCloseable {

  /** One key's first output. */
  record Seen(long recordTimestamp, long seenAtMillis) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String keyPrefix;
  private final Map<String, Seen> firstByKey = new HashMap<>();
  private final Set<String> topicsSeen = new HashSet<>();
  private long records;
  private long firstSeenMillis = -1;
  private long lastSeenMillis = -1;
  private long minTimestamp = Long.MAX_VALUE;
  private long maxTimestamp = Long.MIN_VALUE;

  OutputWatcher(String bootstrap, List<String> topics) {
    this(bootstrap, topics, "");
  }

  /** @param keyPrefix only outputs whose key starts with this count (earlier runs' outputs are skipped) */
  OutputWatcher(String bootstrap, List<String> topics, String keyPrefix) {
    this.keyPrefix = keyPrefix;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once (up to {@code wait}) and returns the number of distinct keys seen so far. */
  int poll(Duration wait) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
      long now = System.currentTimeMillis();
      String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
      if (!key.startsWith(keyPrefix)) {
        continue;
      }
      records++;
      topicsSeen.add(record.topic());
      if (firstSeenMillis < 0) {
        firstSeenMillis = now;
      }
      lastSeenMillis = now;
      minTimestamp = Math.min(minTimestamp, record.timestamp());
      maxTimestamp = Math.max(maxTimestamp, record.timestamp());
      firstByKey.putIfAbsent(key, new Seen(record.timestamp(), now));
    }
    return firstByKey.size();
  }

  /**
   * Polls until {@code keys} distinct keys have an output or {@code timeout} passes; returns the distinct keys
   * seen (less than {@code keys} on timeout).
   */
  int awaitKeys(int keys, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (firstByKey.size() < keys && System.nanoTime() < deadline) {
      poll(Duration.ofMillis(100));
    }
    return firstByKey.size();
  }

  /**
   * Outputs per second in the steady middle of the run: the keys first seen between the 10th and the 90th
   * percentile of first-seen times, over that span, so that neither the start-up nor the tail counts. A
   * read_committed consumer sees outputs once per commit (every 100 ms), so the span should cover seconds; 0
   * when it does not cover at least 200 ms.
   */
  double steadyVisibleRate() {
    long[] seen = firstByKey.values().stream().mapToLong(Seen::seenAtMillis).sorted().toArray();
    if (seen.length < 10) {
      return 0;
    }
    int from = seen.length / 10;
    int to = seen.length - 1 - seen.length / 10;
    long span = seen[to] - seen[from];
    return span < 200 ? 0 : (to - from) * 1000.0 / span;
  }

  /**
   * Outputs per second in the steady middle of the run by the records' own timestamps (the keys whose first
   * output lies between the 10th and the 90th percentile), 0 when that span is under 10 ms.
   */
  double steadyRateByTimestamps() {
    long[] stamps = firstByKey.values().stream().mapToLong(Seen::recordTimestamp).sorted().toArray();
    if (stamps.length < 10) {
      return 0;
    }
    int from = stamps.length / 10;
    int to = stamps.length - 1 - stamps.length / 10;
    long span = stamps[to] - stamps[from];
    return span < 10 ? 0 : (to - from) * 1000.0 / span;
  }

  int keys() {
    return firstByKey.size();
  }

  long records() {
    return records;
  }

  Map<String, Seen> firstByKey() {
    return firstByKey;
  }

  long firstSeenMillis() {
    return firstSeenMillis;
  }

  long lastSeenMillis() {
    return lastSeenMillis;
  }

  long minTimestamp() {
    return minTimestamp;
  }

  long maxTimestamp() {
    return maxTimestamp;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
