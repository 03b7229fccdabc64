package io.personenricher.testutil;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.EnricherSerdes;
import java.util.Map;

/** The production serdes (Confluent wire format) against a {@code mock://} in-memory registry. */
public final class TestSerdes {

  private TestSerdes() {}

  /**
   * Serdes sharing the in-memory registry {@code mock://<scope>}; drop it with
   * InMemorySchemaRegistry.drop.
   */
  public static EnricherSerdes enricherSerdes(String scope) {
    Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
    return new EnricherSerdes(
        AvroSerdes.specific(IdentifierEvent.class, config),
        AvroSerdes.specific(EnrichedPerson.class, config),
        AvroSerdes.specific(UnmatchedIdentifier.class, config),
        AvroSerdes.specific(DeadLetter.class, config));
  }
}
