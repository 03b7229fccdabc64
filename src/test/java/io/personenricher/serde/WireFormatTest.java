package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.IdentifierEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private final String scope = SerdeTestData.uniqueScope();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void writesMagicByteZeroThenTheIdAsFourBigEndianBytes() {
    SchemaRegistryClient fixedId = new FixedIdRegistry(0x01020304);
    ConfluentAvroSerializer<IdentifierEvent> serializer = new ConfluentAvroSerializer<>(fixedId);
    serializer.configure(java.util.Map.of(), false);

    byte[] bytes = serializer.serialize("identifiers", SerdeTestData.event("jane@acme.com"));

    assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
  }

  @Test
  void bodyAfterTheFiveByteHeaderIsExactlyThePlainAvroBinaryEncoding() throws Exception {
    IdentifierEvent event = SerdeTestData.event("jane@acme.com");
    byte[] bytes =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope))
            .serializer()
            .serialize("identifiers", event);

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(plain, null);
    new SpecificDatumWriter<>(IdentifierEvent.class).write(event, encoder);
    encoder.flush();
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plain.toByteArray());
  }

  @Test
  void bodyDecodesWithAPlainAvroDatumReaderAndTheIdIsTheRegisteredOne() throws Exception {
    IdentifierEvent event = SerdeTestData.event("jane@acme.com");
    byte[] bytes =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope))
            .serializer()
            .serialize("identifiers", event);

    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    assertThat(id).isEqualTo(registry.latestId("identifiers-value"));
    assertThat(registry.getById(id)).isEqualTo(IdentifierEvent.getClassSchema());
    IdentifierEvent decoded =
        new SpecificDatumReader<>(IdentifierEvent.class)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(decoded).isEqualTo(event);
  }

  @Test
  void keysUseTheKeySubjectAndValuesTheValueSubject() {
    var config = SerdeTestData.mockConfig(scope);
    AvroSerdes.specific(IdentifierEvent.class, config, true)
        .serializer()
        .serialize("t", SerdeTestData.event("a"));
    AvroSerdes.generic(config, false).serializer().serialize("t", SerdeTestData.contact("b"));

    assertThat(InMemorySchemaRegistry.forScope(scope).subjects())
        .containsExactlyInAnyOrder("t-key", "t-value");
  }

  /** A registry that answers every call with one id, to pin the header bytes. */
  private record FixedIdRegistry(int id) implements SchemaRegistryClient {
    @Override
    public int register(String subject, Schema schema) {
      return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
      return id;
    }

    @Override
    public Schema getById(int requested) {
      return IdentifierEvent.getClassSchema();
    }

    @Override
    public int latestId(String subject) {
      return id;
    }

    @Override
    public String location() {
      return "fixed";
    }
  }
}
