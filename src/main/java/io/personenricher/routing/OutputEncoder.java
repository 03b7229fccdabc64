package io.personenricher.routing;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.serde.ConfluentWireFormat;
import io.personenricher.serde.RegistryOutage;
import io.personenricher.serde.SchemaRegistryException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes output records in the processor rather than in the sinks, so that the two failures a
 * sink could only report by killing the stream thread become decisions: a record too large for its
 * topic ({@link Encoded.TooLarge}) and a schema registry that cannot be reached ({@link
 * Encoded.RegistryUnavailable}). Any other serializer failure is a defect and propagates.
 *
 * <p>The serializers write the Confluent wire format (a header, then the Avro). The enriched record
 * is written by {@link EnrichedRecordWriter}, behind the header the serializer gave its first
 * record: that first record registers the schema (or finds it), as each record did before.
 *
 * <p>Threading notes: the serializers are thread-safe; the only state is that header, written once
 * (a race writes the same bytes twice).
 */
public final class OutputEncoder {

  private final OutputTopics topics;
  private final Serializer<EnrichedPerson> enriched;
  private final Serializer<UnmatchedIdentifier> unmatched;
  private final Serializer<DeadLetter> deadLetter;
  private final OutputLimits limits;
  private volatile byte[] enrichedHeader;

  public OutputEncoder(
      OutputTopics topics,
      Serializer<EnrichedPerson> enriched,
      Serializer<UnmatchedIdentifier> unmatched,
      Serializer<DeadLetter> deadLetter,
      OutputLimits limits) {
    this.topics = topics;
    this.enriched = enriched;
    this.unmatched = unmatched;
    this.deadLetter = deadLetter;
    this.limits = limits;
  }

  /**
   * The enriched record with the candidates' Avro put in its {@code matches} as it is ({@link
   * EnrichedRecordWriter}), or, should the schema no longer be the one that writer knows, the
   * candidates decoded into the record for Avro's writer.
   *
   * @param withoutMatches the record, its {@code matches} empty
   */
  public Encoded enriched(
      EnrichedPerson withoutMatches, List<EncodedMatch> matches, int keyBytes, int headerBytes) {
    if (!EnrichedRecordWriter.APPLIES) {
      withoutMatches.setMatches(matches.stream().map(EncodedMatch::record).toList());
      return encode(
          () -> enriched.serialize(topics.enriched(), withoutMatches), keyBytes, headerBytes);
    }
    return encode(
        () -> EnrichedRecordWriter.write(enrichedHeader(withoutMatches), withoutMatches, matches),
        keyBytes,
        headerBytes);
  }

  /** The enriched topic's magic byte and schema id, taken from the serializer's first record. */
  private byte[] enrichedHeader(EnrichedPerson shell) {
    byte[] header = enrichedHeader;
    if (header == null) {
      byte[] first = enriched.serialize(topics.enriched(), shell);
      ConfluentWireFormat.schemaId(topics.enriched(), first);
      header = Arrays.copyOf(first, ConfluentWireFormat.HEADER_SIZE);
      enrichedHeader = header;
    }
    return header;
  }

  public Encoded unmatched(UnmatchedIdentifier value, int keyBytes, int headerBytes) {
    return encode(() -> unmatched.serialize(topics.unmatched(), value), keyBytes, headerBytes);
  }

  public Encoded deadLetter(DeadLetter value, int keyBytes, int headerBytes) {
    return encode(() -> deadLetter.serialize(topics.deadLetter(), value), keyBytes, headerBytes);
  }

  private Encoded encode(Serialization serialization, int keyBytes, int headerBytes) {
    byte[] bytes;
    try {
      bytes = serialization.run();
    } catch (RuntimeException e) {
      Optional<SchemaRegistryException> outage = RegistryOutage.causeOf(e);
      if (outage.isPresent()) {
        return new Encoded.RegistryUnavailable(outage.get().getMessage());
      }
      throw e;
    }
    int limit = limits.maxValueBytes(keyBytes, headerBytes);
    return bytes.length > limit
        ? new Encoded.TooLarge(bytes.length, limit)
        : new Encoded.Bytes(bytes);
  }

  @FunctionalInterface
  private interface Serialization {
    byte[] run();
  }
}
