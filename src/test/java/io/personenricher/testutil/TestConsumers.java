package io.personenricher.testutil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads test output: every partition of the topics from the beginning, {@code read_committed} (so
 * aborted or still-open transactions of an exactly-once app are never seen), without a consumer
 * group.
 */
public final class TestConsumers {

  private TestConsumers() {}

  /**
   * Reads until at least {@code count} records arrived or {@code timeout} passed.
   *
   * @return the records read, in per-partition order
   * @throws AssertionError if fewer than {@code count} arrived in time (the message lists what did
   *     arrive)
   */
  public static <K, V> List<ConsumerRecord<K, V>> readN(
      Broker broker,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer,
      int count,
      Duration timeout,
      String... topics) {
    List<ConsumerRecord<K, V>> records =
        readFor(broker, keyDeserializer, valueDeserializer, count, timeout, topics);
    if (records.size() < count) {
      throw new AssertionError(
          "expected "
              + count
              + " records from "
              + Arrays.toString(topics)
              + " within "
              + timeout
              + " but got "
              + records.size()
              + ": "
              + records);
    }
    return records;
  }

  /**
   * Reads everything that arrives within {@code window} (or until {@code limit} records), without
   * failing. Useful to assert that nothing beyond the expected records was written.
   */
  public static <K, V> List<ConsumerRecord<K, V>> readFor(
      Broker broker,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer,
      int limit,
      Duration window,
      String... topics) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(config, keyDeserializer, valueDeserializer)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + window.toNanos();
      while (records.size() < limit && System.nanoTime() < deadline) {
        long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        consumer.poll(Duration.ofMillis(Math.min(200, remainingMs))).forEach(records::add);
      }
    }
    return records;
  }
}
