package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one search request (acknowledged by every in-sync replica) and, when asked, waits for its
 * result: the results topic is read from its end as it was before the send, so the result found is
 * this request's and not an older one with the same id.
 *
 * <p>Threading notes: one caller thread; the producer and consumer live within {@link #send}.
 */
final class SearchRequestSender {

  /** The send's outcome: the result, when one was waited for and came. */
  record Sent(Optional<PersonSearchResult> result) {}

  private final EnricherConfig config;

  SearchRequestSender(EnricherConfig config) {
    this.config = config;
  }

  /**
   * @param wait how long to wait for the result; zero to return once the send is acknowledged
   * @throws IllegalStateException when the send fails
   */
  Sent send(PersonSearchRequest request, Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      produce(request);
      return new Sent(Optional.empty());
    }
    Map<String, Object> consumerConfig = KafkaClientConfigs.consumer(config);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, PersonSearchResult> consumer =
        new KafkaConsumer<>(
            consumerConfig,
            new StringDeserializer(),
            AvroSerdes.specific(PersonSearchResult.class, config.serdeConfig()).deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(config.searchResultsTopic(), wait).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      produce(request);
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, PersonSearchResult> record :
            consumer.poll(Duration.ofMillis(500))) {
          PersonSearchResult result = record.value();
          if (result != null && result.getRequest().getRequestId().equals(request.getRequestId())) {
            return new Sent(Optional.of(result));
          }
        }
      }
      return new Sent(Optional.empty());
    }
  }

  private void produce(PersonSearchRequest request) {
    Map<String, Object> producerConfig = KafkaClientConfigs.producer(config);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enricher-search");
    producerConfig.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (KafkaProducer<String, PersonSearchRequest> producer =
        new KafkaProducer<>(
            producerConfig,
            new StringSerializer(),
            AvroSerdes.specific(PersonSearchRequest.class, config.serdeConfig()).serializer())) {
      producer
          .send(new ProducerRecord<>(config.searchRequestsTopic(), request.getRequestId(), request))
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the send failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the send was not acknowledged within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    }
  }
}
