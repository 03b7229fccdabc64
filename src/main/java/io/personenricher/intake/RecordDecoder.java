package io.personenricher.intake;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.RegistryOutage;
import io.personenricher.serde.SchemaRegistryException;
import io.personenricher.text.Failures;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns an input record's value bytes into an {@link IdentifierEvent}, or says precisely why not:
 * the bytes' fault ({@link Decoded.Undecodable}, a dead letter with the raw bytes) or the schema
 * registry's ({@link Decoded.RegistryUnavailable}, keep the bytes and decode them later). The
 * decision rests on {@link RegistryOutage}, the serde's typed errors.
 *
 * <p>Threading notes: stateless apart from the deserializer, which is thread-safe.
 */
public final class RecordDecoder {

  private final Deserializer<IdentifierEvent> deserializer;

  public RecordDecoder(Deserializer<IdentifierEvent> deserializer) {
    this.deserializer = deserializer;
  }

  /** What decoding one value came to. */
  public sealed interface Decoded {

    /** The event. */
    record Event(IdentifierEvent event) implements Decoded {}

    /**
     * The bytes cannot become an event, ever.
     *
     * @param errorClass {@code null_value} for a tombstone or a null datum, else {@code
     *     undecodable}
     */
    record Undecodable(String errorClass, String message) implements Decoded {}

    /** The registry could not be asked; the same bytes may decode later. */
    record RegistryUnavailable(String message) implements Decoded {}
  }

  public Decoded decode(String topic, Headers headers, byte[] value) {
    if (value == null) {
      return new Decoded.Undecodable("null_value", "the record has no value (tombstone)");
    }
    IdentifierEvent event;
    try {
      event = deserializer.deserialize(topic, headers, value);
    } catch (RuntimeException e) {
      Optional<SchemaRegistryException> outage = RegistryOutage.causeOf(e);
      if (outage.isPresent()) {
        return new Decoded.RegistryUnavailable(outage.get().getMessage());
      }
      return new Decoded.Undecodable("undecodable", Failures.describe(e));
    }
    return event == null
        ? new Decoded.Undecodable("null_value", "the value decodes to null")
        : new Decoded.Event(event);
  }
}
