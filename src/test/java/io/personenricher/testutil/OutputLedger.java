package io.personenricher.testutil;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/**
 * Every committed output record of the three output topics, by input key: the evidence for "each
 * input ends as exactly one output". Reads with {@code read_committed}, so aborted transactions of
 * a crashed instance are never counted.
 *
 * <p>Threading notes: one test thread.
 */
public final class OutputLedger implements AutoCloseable {

  /** One output record: which topic, and its decoded value. */
  public record Output(String topic, Object value) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicNames topics;
  private final Map<String, Deserializer<?>> decoders = new HashMap<>();
  private final Map<String, List<Output>> byKey = new HashMap<>();
  private final List<TopicPartition> partitions = new ArrayList<>();
  private int records;

  public OutputLedger(Broker broker, SchemaRegistry registry, TopicNames topics) {
    this.topics = topics;
    Map<String, Object> config = broker.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> serdeConfig = registry.serdeConfig();
    decoders.put(
        topics.enriched(), AvroSerdes.specific(EnrichedPerson.class, serdeConfig).deserializer());
    decoders.put(
        topics.unmatched(),
        AvroSerdes.specific(UnmatchedIdentifier.class, serdeConfig).deserializer());
    decoders.put(
        topics.deadLetter(), AvroSerdes.specific(DeadLetter.class, serdeConfig).deserializer());
    for (String topic : List.of(topics.enriched(), topics.unmatched(), topics.deadLetter())) {
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads until {@code keys} distinct keys have an output, or fails after {@code timeout}. */
  public OutputLedger awaitKeys(int keys, Duration timeout) {
    return awaitUntil(() -> byKey.size(), keys, timeout);
  }

  /** Reads until {@code records} output records arrived, or fails after {@code timeout}. */
  public OutputLedger awaitRecords(int records, Duration timeout) {
    return awaitUntil(() -> this.records, records, timeout);
  }

  private OutputLedger awaitUntil(IntSupplier measure, int target, Duration timeout) {
    Awaitility.await("outputs for " + target + " keys")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              poll();
              return measure.getAsInt() >= target;
            });
    return this;
  }

  /**
   * Reads up to the last stable offset of every output partition at the time of the call: after the
   * writers stopped, that is everything they will ever have committed.
   */
  public OutputLedger readToEnd() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    Awaitility.await("output topics read to their end")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              return end.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
    return this;
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      Object value = decoders.get(record.topic()).deserialize(record.topic(), record.value());
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Output(record.topic(), value));
      records++;
    }
  }

  public Map<String, List<Output>> byKey() {
    return byKey;
  }

  public int records() {
    return records;
  }

  /** Keys with more than one output: must be empty. */
  public Map<String, List<Output>> duplicates() {
    Map<String, List<Output>> duplicates = new HashMap<>();
    byKey.forEach(
        (key, outputs) -> {
          if (outputs.size() > 1) {
            duplicates.put(key, outputs);
          }
        });
    return duplicates;
  }

  public List<String> keysOn(String topic) {
    return byKey.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(o -> o.topic().equals(topic)))
        .map(Map.Entry::getKey)
        .toList();
  }

  public TopicNames topics() {
    return topics;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
