package io.personenricher.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Producers for test input that never lose records silently: {@code acks=all}, idempotent, and
 * {@code max.in.flight.requests.per.connection=1} (the workaround for KAFKA-15591, which drops
 * retried batches on fresh topics with more requests in flight), and every send future is checked.
 */
public final class TestProducers {

  private TestProducers() {}

  /** The safe producer settings for {@code broker}, as a mutable map. */
  public static Map<String, Object> safeConfig(Broker broker) {
    Map<String, Object> config = broker.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return config;
  }

  /** A producer with {@link #safeConfig}; the caller closes it. */
  public static <K, V> KafkaProducer<K, V> create(
      Broker broker, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    return new KafkaProducer<>(safeConfig(broker), keySerializer, valueSerializer);
  }

  /**
   * Sends all records and waits for every acknowledgement.
   *
   * @return the metadata of each record, in order
   * @throws AssertionError naming the first record that failed, so a lost record fails the test
   */
  public static <K, V> List<RecordMetadata> sendAll(
      Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
    List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
    for (ProducerRecord<K, V> record : records) {
      futures.add(producer.send(record));
    }
    producer.flush();
    List<RecordMetadata> acknowledged = new ArrayList<>(records.size());
    for (int i = 0; i < futures.size(); i++) {
      try {
        acknowledged.add(futures.get(i).get(30, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError(
            "send " + i + " of " + records.size() + " failed (" + records.get(i) + "): " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while sending", e);
      }
    }
    return acknowledged;
  }

  /** Opens a safe producer, sends all records, checks every acknowledgement and closes it. */
  public static <K, V> List<RecordMetadata> send(
      Broker broker,
      Serializer<K> keySerializer,
      Serializer<V> valueSerializer,
      List<ProducerRecord<K, V>> records) {
    try (KafkaProducer<K, V> producer = create(broker, keySerializer, valueSerializer)) {
      return sendAll(producer, records);
    }
  }
}
