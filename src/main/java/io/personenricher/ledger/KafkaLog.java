package io.personenricher.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A shared log on partition 0 of a Kafka topic of the application: one partition is one total
 * order, which is all a fold that every instance must agree on needs. The reader starts at the
 * beginning of what the topic retains, with no consumer group (every instance reads everything).
 *
 * <p>Producer settings: {@code acks=all}, idempotent, one request in flight (KAFKA-15591: a record
 * produced right after a topic's creation may otherwise be lost silently, and the folds need the
 * records of one writer in the order written), no linger (these records are latency-bound and few),
 * and at most 10 s blocked on metadata, since appends come from stream threads.
 *
 * <p>Threading notes: {@link #append} is thread-safe (the producer is); {@link #poll}, {@link
 * #endOffset} and {@link #position} run on the one thread that owns the consumer.
 */
public final class KafkaLog<V> implements SharedLog<V> {

  private final String topic;
  private final TopicPartition partition;
  private final LogCodec<V> codec;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;

  /**
   * @param producerSettings the application's Kafka producer settings (bootstrap servers, security)
   * @param consumerSettings the application's Kafka consumer settings
   * @param clientId the prefix of the producer's and the consumer's client ids
   */
  public KafkaLog(
      Map<String, Object> producerSettings,
      Map<String, Object> consumerSettings,
      String topic,
      String clientId,
      LogCodec<V> codec) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.codec = codec;
    Map<String, Object> producerConfig = new HashMap<>(producerSettings);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(consumerSettings);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  @Override
  public CompletionStage<Void> append(String key, V value) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, 0, key, codec.encode(value)),
          (metadata, error) -> {
            if (error != null) {
              written.completeExceptionally(error);
            } else {
              written.complete(null);
            }
          });
    } catch (RuntimeException e) {
      // send() throws rather than calls back when it cannot even queue the record (metadata).
      written.completeExceptionally(e);
    }
    return written;
  }

  @Override
  public List<LogEntry<V>> poll(long maxWaitMs) {
    List<LogEntry<V>> entries = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(maxWaitMs))) {
      V value = record.value() == null ? null : codec.decode(record.value());
      if (value != null) {
        entries.add(new LogEntry<>(record.key(), value, record.offset(), record.timestamp()));
      }
    }
    return entries;
  }

  /**
   * Everything the log holds from the reader's position up to its end as of this call, for a
   * one-off reader (a command) that folds the log once and stops.
   *
   * @throws TimeoutException when the end is not reached in time
   */
  public List<LogEntry<V>> readToEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long end = endOffset(timeout);
    List<LogEntry<V>> entries = new ArrayList<>();
    while (position(timeout) < end) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "could not read " + topic + " to offset " + end + " within " + timeout);
      }
      entries.addAll(poll(200));
    }
    return entries;
  }

  /** The offset the next record appended will get, as the broker says now. */
  public long endOffset(Duration timeout) {
    return consumer.endOffsets(List.of(partition), timeout).get(partition);
  }

  /** The offset of the next record {@link #poll} returns. */
  public long position(Duration timeout) {
    return consumer.position(partition, timeout);
  }

  @Override
  public boolean local() {
    return false;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
