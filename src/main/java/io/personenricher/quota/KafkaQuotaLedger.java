package io.personenricher.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledger on a one-partition Kafka topic of the application: one partition is one total
 * order, which is all the quota needs to give every slot one owner. A reader starts at the
 * beginning of what the topic retains; instances re-append the grid now and then, so retention
 * never drops it.
 *
 * <p>Producer settings: {@code acks=all}, idempotent, one request in flight (KAFKA-15591: a record
 * produced right after a topic's creation may otherwise be lost silently), no linger (claims are
 * latency-bound and few).
 *
 * <p>Threading notes: {@link #append} is thread-safe (the producer is); {@link #poll} runs on the
 * one ledger thread that owns the consumer.
 */
public final class KafkaQuotaLedger implements QuotaLedger {

  private static final Logger log = LoggerFactory.getLogger(KafkaQuotaLedger.class);

  private final String topic;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;

  /**
   * @param producerSettings the application's Kafka producer settings (bootstrap servers, security)
   * @param consumerSettings the application's Kafka consumer settings
   */
  public KafkaQuotaLedger(
      Map<String, Object> producerSettings,
      Map<String, Object> consumerSettings,
      String topic,
      String instanceId) {
    this.topic = topic;
    Map<String, Object> producerConfig = new HashMap<>(producerSettings);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-quota-ledger-producer");
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(consumerSettings);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-quota-ledger-consumer");
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  @Override
  public void append(LedgerRecord record) {
    producer.send(
        new ProducerRecord<>(topic, 0, record.endpoint().name(), LedgerRecord.encode(record)),
        (metadata, error) -> {
          if (error != null) {
            // A lost claim is a slot not taken, a lost release one not given back: both only
            // cost a permit. The next catch-up claims again.
            log.warn("Could not append to the quota ledger {}: {}", topic, error.toString());
          }
        });
  }

  @Override
  public List<LedgerRecord> poll(long maxWaitMs) {
    List<LedgerRecord> records = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(maxWaitMs))) {
      LedgerRecord decoded = LedgerRecord.decode(record.value());
      if (decoded != null) {
        records.add(decoded);
      }
    }
    return records;
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
