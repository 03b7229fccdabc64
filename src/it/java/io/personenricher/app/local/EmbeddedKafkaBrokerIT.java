package io.personenricher.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.Broker;
import io.personenricher.testutil.TestConsumers;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A second, own broker on a fixed port (what the `stack` command needs); the shared fixture uses a
 * random one.
 */
class EmbeddedKafkaBrokerIT {

  @Test
  void aBrokerOnAFixedPortServesClientsBootstrappingThere() throws IOException {
    OnPort started = startOnAFreePort();
    try (EmbeddedKafkaBroker kafka = started.broker()) {
      int port = started.port();
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      Broker broker = new Broker(kafka.bootstrapServers(), "fixed port");
      String topic = Topics.unique("fixed");
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
          .extracting(r -> r.value())
          .containsExactly("v");
    }
  }

  private record OnPort(EmbeddedKafkaBroker broker, int port) {}

  /**
   * A port found free stays free only until someone binds it (any socket on the machine may take it
   * before the broker does), so a start that fails is tried again on another port.
   */
  private static OnPort startOnAFreePort() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePorts.pick();
      try {
        return new OnPort(EmbeddedKafkaBroker.start(port, Map.of()), port);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }
}
