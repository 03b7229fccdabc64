package io.personenricher.topology;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the four topics, configured by the composition root (normally the
 * Confluent-wire-format Avro serde against a schema registry; a {@code mock://} registry in tests).
 * Keys are kept as the caller's raw bytes end to end, so every output record carries exactly the
 * input key.
 */
public record EnricherSerdes(
    Serde<IdentifierEvent> input,
    Serde<EnrichedPerson> enriched,
    Serde<UnmatchedIdentifier> unmatched,
    Serde<DeadLetter> deadLetter) {

  public EnricherSerdes {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(enriched, "enriched");
    Objects.requireNonNull(unmatched, "unmatched");
    Objects.requireNonNull(deadLetter, "deadLetter");
  }
}
