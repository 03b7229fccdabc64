package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.model.avro.IdentifierEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CorruptedBytesTest {

  private final String scope = SerdeTestData.uniqueScope();
  private final SpecificAvroSerde<IdentifierEvent> serde =
      AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope));

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void jsonBytesAreRejectedAsWrongMagicByteWithTheFirstBytesInHex() {
    byte[] json = "{\"identifier\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("identifiers", json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic 'identifiers'")
        .hasMessageContaining("first byte is 0x7b, expected magic byte 0x00")
        .hasMessageContaining("7b 22 69 64");
  }

  @Test
  void tooShortBytesAreRejectedWithTheirLength() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("identifiers", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes, but at least 5 are needed")
        .hasMessageContaining("00 00 01");
  }

  @Test
  void emptyBytesAreRejectedNotTreatedAsNull() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("identifiers", new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("0 bytes")
        .hasMessageContaining("(empty)");
  }

  @Test
  void unknownSchemaIdIsRejectedNamingTheIdAndTheRegistry() {
    byte[] bytes = {0, 0x7f, 0, 0, 1, 2, 'a'};

    assertThatThrownBy(() -> serde.deserializer().deserialize("identifiers", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 2130706433")
        .hasMessageContaining("mock://" + scope)
        .hasMessageContaining("Unknown schema id");
  }

  @Test
  void truncatedAvroBodyIsRejectedAsUndecodable() {
    byte[] good = serde.serializer().serialize("identifiers", SerdeTestData.event("jane@acme.com"));
    byte[] truncated = Arrays.copyOf(good, 9);

    assertThatThrownBy(() -> serde.deserializer().deserialize("identifiers", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(
            "Could not decode Avro data on topic 'identifiers' with writer schema id");
  }

  @Test
  void nullSerializesToNullAndDeserializesToNull() {
    assertThat(serde.serializer().serialize("identifiers", null)).isNull();
    assertThat(serde.deserializer().deserialize("identifiers", null)).isNull();
    assertThat(InMemorySchemaRegistry.forScope(scope).subjects()).isEmpty();
  }

  @Test
  void unsupportedJavaTypesAreRejectedBeforeTouchingTheRegistry() {
    ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(SerdeTestData.mockConfig(scope), false);

    assertThatThrownBy(() -> serializer.serialize("t", new java.util.Date()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.util.Date");
  }
}
