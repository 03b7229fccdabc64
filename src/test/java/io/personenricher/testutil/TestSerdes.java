package io.personenricher.testutil;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.topology.EnricherSerdes;

/** Serdes for processor tests. */
public final class TestSerdes {

  private TestSerdes() {}

  public static EnricherSerdes enricherSerdes() {
    return new EnricherSerdes(
        new PlainAvroSerde<>(IdentifierEvent.class),
        new PlainAvroSerde<>(EnrichedPerson.class),
        new PlainAvroSerde<>(UnmatchedIdentifier.class),
        new PlainAvroSerde<>(DeadLetter.class));
  }
}
