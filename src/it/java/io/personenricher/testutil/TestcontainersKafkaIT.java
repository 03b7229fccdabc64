package io.personenricher.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Testcontainers broker path. Runs only where Docker is available; elsewhere the class is
 * skipped (not failed) and the other ITs run on the embedded broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer(KafkaInfraExtension.DEFAULT_KAFKA_IMAGE);

  @Test
  void recordsRoundTripThroughAContainerBroker() {
    Broker broker = new Broker(KAFKA.getBootstrapServers(), "testcontainers");
    String topic = Topics.unique("tc");
    Topics.create(broker, 1, topic);

    TestProducers.send(
        broker,
        new StringSerializer(),
        new StringSerializer(),
        List.of(new ProducerRecord<>(topic, "k", "v")));

    assertThat(
            TestConsumers.readN(
                broker,
                new StringDeserializer(),
                new StringDeserializer(),
                1,
                Duration.ofSeconds(30),
                topic))
        .extracting(r -> r.key() + "=" + r.value())
        .containsExactly("k=v");
  }
}
