package io.personenricher.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.serde.SchemaRegistryException;
import io.personenricher.serde.SpecificAvroSerde;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FlakyRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordDecoderTest {

  private final String scope = "decoder-" + UUID.randomUUID();
  private final FlakyRegistry registry = new FlakyRegistry(InMemorySchemaRegistry.forScope(scope));
  private final SpecificAvroSerde<IdentifierEvent> serde = serde(registry);
  private final RecordDecoder decoder = new RecordDecoder(serde(registry).deserializer());

  private static SpecificAvroSerde<IdentifierEvent> serde(FlakyRegistry registry) {
    SpecificAvroSerde<IdentifierEvent> serde =
        new SpecificAvroSerde<>(registry, IdentifierEvent.class);
    serde.configure(Map.of("schema.registry.url", "http://unused.invalid"), false);
    return serde;
  }

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.drop(scope);
  }

  private byte[] bytes(IdentifierEvent event) {
    return serde.serializer().serialize("in", event);
  }

  private RecordDecoder.Decoded decode(byte[] value) {
    return decoder.decode("in", new RecordHeaders(), value);
  }

  @Test
  void wellFormedBytesDecodeToTheEvent() {
    assertThat(decode(bytes(Events.email("ann@acme.com"))))
        .isInstanceOfSatisfying(
            RecordDecoder.Decoded.Event.class,
            e -> assertThat(e.event().getIdentifier()).isEqualTo("ann@acme.com"));
  }

  @Test
  void aTruncatedBodyIsTheRecordsFaultNotARegistryOutage() {
    byte[] whole = bytes(Events.email("ann@acme.com"));

    assertThat(decode(Arrays.copyOf(whole, whole.length - 3)))
        .isInstanceOfSatisfying(
            RecordDecoder.Decoded.Undecodable.class,
            u -> assertThat(u.errorClass()).isEqualTo("undecodable"));
  }

  @Test
  void bytesNotInTheWireFormatAndUnknownSchemaIdsAreTheRecordsFault() {
    byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(424242).put((byte) 2).array();

    assertThat(decode("{\"json\":true}".getBytes()))
        .isInstanceOf(RecordDecoder.Decoded.Undecodable.class);
    assertThat(decode(unknownId)).isInstanceOf(RecordDecoder.Decoded.Undecodable.class);
  }

  @Test
  void aTombstoneIsANullValueNotAnOutage() {
    assertThat(decode(null))
        .isInstanceOfSatisfying(
            RecordDecoder.Decoded.Undecodable.class,
            u -> assertThat(u.errorClass()).isEqualTo("null_value"));
  }

  @ParameterizedTest
  @EnumSource(
      value = SchemaRegistryException.Kind.class,
      names = {"UNREACHABLE", "UNEXPECTED_RESPONSE", "AUTHENTICATION"})
  void aRegistryThatCannotBeAskedIsAnOutageWhateverHowItFails(SchemaRegistryException.Kind kind) {
    byte[] value = bytes(Events.email("ann@acme.com"));
    registry.down(kind);

    assertThat(decode(value)).isInstanceOf(RecordDecoder.Decoded.RegistryUnavailable.class);
  }
}
