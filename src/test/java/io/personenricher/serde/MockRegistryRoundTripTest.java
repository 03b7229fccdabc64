package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.model.avro.IdentifierEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockRegistryRoundTripTest {

  private final String scope = SerdeTestData.uniqueScope();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void specificValueRoundTripsThroughSeparatelyCreatedSerdesOfTheSameScope() {
    IdentifierEvent event = SerdeTestData.event("jane@acme.com");
    byte[] bytes =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope))
            .serializer()
            .serialize("identifiers", event);

    SpecificAvroSerde<IdentifierEvent> reader = new SpecificAvroSerde<>();
    reader.configure(SerdeTestData.mockConfig(scope), false);
    assertThat(reader.deserializer().deserialize("identifiers", bytes)).isEqualTo(event);
  }

  @Test
  void specificKeyRoundTrips() {
    SpecificAvroSerde<IdentifierEvent> serde =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope), true);
    IdentifierEvent event = SerdeTestData.event("key@acme.com");

    byte[] bytes = serde.serializer().serialize("identifiers", event);

    assertThat(serde.deserializer().deserialize("identifiers", bytes)).isEqualTo(event);
    assertThat(InMemorySchemaRegistry.forScope(scope).subjects())
        .containsExactly("identifiers-key");
  }

  @Test
  void genericRecordRoundTripsWithItsWriterSchema() {
    GenericAvroSerde serde = AvroSerdes.generic(SerdeTestData.mockConfig(scope), false);
    GenericRecord contact = SerdeTestData.contact("Jane");

    GenericRecord read =
        serde
            .deserializer()
            .deserialize("contacts", serde.serializer().serialize("contacts", contact));

    assertThat(read.getSchema()).isEqualTo(SerdeTestData.CONTACT_V1);
    assertThat(read.get("name")).hasToString("Jane");
  }

  @Test
  void plainDeserializerWithSpecificAvroReaderReturnsTheGeneratedClass() {
    IdentifierEvent event = SerdeTestData.event("jane@acme.com");
    byte[] bytes =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope))
            .serializer()
            .serialize("identifiers", event);
    Map<String, Object> config = new HashMap<>(SerdeTestData.mockConfig(scope));
    ConfluentAvroDeserializer<Object> generic = new ConfluentAvroDeserializer<>();
    generic.configure(config, false);
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
    ConfluentAvroDeserializer<Object> specific = new ConfluentAvroDeserializer<>();
    specific.configure(config, false);

    assertThat(generic.deserialize("identifiers", bytes)).isInstanceOf(GenericData.Record.class);
    assertThat(specific.deserialize("identifiers", bytes)).isEqualTo(event);
  }

  @Test
  void stringKeysRoundTripAsAvroPrimitives() {
    ConfluentAvroSerializer<String> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(SerdeTestData.mockConfig(scope), true);
    ConfluentAvroDeserializer<String> deserializer = new ConfluentAvroDeserializer<>();
    deserializer.configure(SerdeTestData.mockConfig(scope), true);

    assertThat(deserializer.deserialize("t", serializer.serialize("t", "record-42")))
        .isEqualTo("record-42");
  }

  @Test
  void readsDataWrittenWithAnOlderSchemaIntoTheCurrentGeneratedClassUsingDefaults() {
    Schema older = schemaWithout(IdentifierEvent.getClassSchema(), "metadata", "event_time");
    GenericRecord old = new GenericData.Record(older);
    old.put(
        "identifier_type",
        new GenericData.EnumSymbol(older.getField("identifier_type").schema(), "BUSINESS_EMAIL"));
    old.put("identifier", "old@acme.com");
    byte[] bytes =
        AvroSerdes.generic(SerdeTestData.mockConfig(scope), false)
            .serializer()
            .serialize("ids", old);

    IdentifierEvent read =
        AvroSerdes.specific(IdentifierEvent.class, SerdeTestData.mockConfig(scope))
            .deserializer()
            .deserialize("ids", bytes);

    assertThat(read.getIdentifier()).isEqualTo("old@acme.com");
    assertThat(read.getMetadata()).isEmpty();
    assertThat(read.getEventTime()).isNull();
  }

  @Test
  void lookupOnlyModeFailsClearlyForAnUnregisteredSchemaAndSucceedsOnceRegistered() {
    Map<String, Object> lookupOnly = new HashMap<>(SerdeTestData.mockConfig(scope));
    lookupOnly.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
    ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(lookupOnly, false);

    assertThatThrownBy(() -> serializer.serialize("contacts", SerdeTestData.contact("a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not look up")
        .hasMessageContaining("contacts-value");

    int id =
        InMemorySchemaRegistry.forScope(scope).register("contacts-value", SerdeTestData.CONTACT_V1);
    byte[] bytes = serializer.serialize("contacts", SerdeTestData.contact("a"));
    assertThat(ConfluentWireFormat.schemaId("contacts", bytes)).isEqualTo(id);
  }

  @Test
  void incompatibleNewVersionIsRejectedWithTheSubjectNamed() {
    GenericAvroSerde serde = AvroSerdes.generic(SerdeTestData.mockConfig(scope), false);
    serde.serializer().serialize("contacts", SerdeTestData.contact("a"));
    Schema withRequiredField =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Contact", "namespace": "io.personenricher.test",
                 "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "int"}]}
                """);
    GenericRecord record = new GenericData.Record(withRequiredField);
    record.put("name", "b");
    record.put("age", 3);

    assertThatThrownBy(() -> serde.serializer().serialize("contacts", record))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining("contacts-value")
        .cause()
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE_SCHEMA));
  }

  @Test
  void droppingAScopeStartsAFreshRegistry() {
    InMemorySchemaRegistry.forScope(scope).register("s-value", SerdeTestData.CONTACT_V1);

    InMemorySchemaRegistry.drop(scope);

    assertThat(InMemorySchemaRegistry.forScope(scope).subjects()).isEmpty();
  }

  private static Schema schemaWithout(Schema schema, String... dropped) {
    java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!java.util.Arrays.asList(dropped).contains(field.name())) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }
}
