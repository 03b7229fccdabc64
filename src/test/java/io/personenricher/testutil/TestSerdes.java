package io.personenricher.testutil;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.SchemaRegistryClient;
import io.personenricher.serde.SpecificAvroSerde;
import io.personenricher.topology.EnricherSerdes;
import java.util.Map;

/** The production serdes (Confluent wire format) against a {@code mock://} in-memory registry. */
public final class TestSerdes {

  private TestSerdes() {}

  /**
   * Serdes sharing the in-memory registry {@code mock://<scope>}; drop it with
   * InMemorySchemaRegistry.drop.
   */
  /** Serdes on their own registry client (e.g. one that can be taken down). */
  public static EnricherSerdes enricherSerdes(SchemaRegistryClient registry) {
    Map<String, Object> config = Map.of("schema.registry.url", "http://unused.invalid");
    return new EnricherSerdes(
        configured(new SpecificAvroSerde<>(registry, IdentifierEvent.class), config),
        configured(new SpecificAvroSerde<>(registry, EnrichedPerson.class), config),
        configured(new SpecificAvroSerde<>(registry, UnmatchedIdentifier.class), config),
        configured(new SpecificAvroSerde<>(registry, DeadLetter.class), config));
  }

  private static <T extends org.apache.avro.specific.SpecificRecord>
      SpecificAvroSerde<T> configured(SpecificAvroSerde<T> serde, Map<String, Object> config) {
    serde.configure(config, false);
    return serde;
  }

  public static EnricherSerdes enricherSerdes(String scope) {
    Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
    return new EnricherSerdes(
        AvroSerdes.specific(IdentifierEvent.class, config),
        AvroSerdes.specific(EnrichedPerson.class, config),
        AvroSerdes.specific(UnmatchedIdentifier.class, config),
        AvroSerdes.specific(DeadLetter.class, config));
  }
}
