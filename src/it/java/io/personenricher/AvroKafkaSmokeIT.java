package io.personenricher;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.SpecificAvroSerde;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestConsumers;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Avro IdentifierEvents through the real broker and the real registry, end to end. */
@WithKafkaInfra
class AvroKafkaSmokeIT {

  @Test
  void identifierEventsProducedAsAvroAreConsumedIntact(Broker broker, SchemaRegistry registry) {
    String topic = Topics.unique("identifiers");
    Topics.create(broker, 2, topic);
    SpecificAvroSerde<IdentifierEvent> serde =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig());
    List<ProducerRecord<String, IdentifierEvent>> sent =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    new ProducerRecord<>(
                        topic,
                        "record-" + i,
                        IdentifierEvent.newBuilder()
                            .setIdentifierType(
                                i % 2 == 0
                                    ? IdentifierType.BUSINESS_EMAIL
                                    : IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL)
                            .setIdentifier(
                                i % 2 == 0
                                    ? "p" + i + "@acme.com"
                                    : "https://www.linkedin.com/in/p" + i)
                            .setMetadata(Map.of("row", Integer.toString(i)))
                            .build()))
            .toList();

    TestProducers.send(broker, new StringSerializer(), serde.serializer(), sent);
    List<ConsumerRecord<String, IdentifierEvent>> read =
        TestConsumers.readN(
            broker,
            new StringDeserializer(),
            serde.deserializer(),
            sent.size(),
            Duration.ofSeconds(30),
            topic);

    assertThat(read)
        .extracting(r -> Map.entry(r.key(), r.value()))
        .containsExactlyInAnyOrderElementsOf(
            sent.stream().map(r -> Map.entry(r.key(), r.value())).toList());
  }
}
