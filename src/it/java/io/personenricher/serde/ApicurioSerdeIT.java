package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The serde against a real Confluent-API registry (Apicurio's ccompat API unless
 * SCHEMA_REGISTRY_URL is set). Registry facts are checked with raw HTTP, independently of the
 * serde's own client.
 */
@WithKafkaInfra
class ApicurioSerdeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final Schema CONTACT_V1 = contact("");
  private static final Schema CONTACT_V2 =
      contact(", {\"name\": \"email\", \"type\": [\"null\", \"string\"], \"default\": null}");

  private static Schema contact(String extraFields) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"Contact\", \"namespace\": \"io.personenricher.it\", \"fields\":"
                + " [{\"name\": \"name\", \"type\": \"string\"}"
                + extraFields
                + "]}");
  }

  @Test
  void specificValuesAndKeysRoundTripAndTheWrittenIdsAreTheRegistrysLatestIds(
      SchemaRegistry registry) throws Exception {
    String topic = Topics.unique("identifiers");
    IdentifierEvent event = event("jane@acme.com");
    SpecificAvroSerde<IdentifierEvent> values =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig());
    SpecificAvroSerde<IdentifierEvent> keys =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig(), true);

    byte[] valueBytes = values.serializer().serialize(topic, event);
    byte[] keyBytes = keys.serializer().serialize(topic, event);

    assertThat(values.deserializer().deserialize(topic, valueBytes)).isEqualTo(event);
    assertThat(keys.deserializer().deserialize(topic, keyBytes)).isEqualTo(event);
    assertThat(idOf(valueBytes))
        .isEqualTo(latestVersion(registry, topic + "-value").get("id").asInt());
    assertThat(idOf(keyBytes)).isEqualTo(latestVersion(registry, topic + "-key").get("id").asInt());
  }

  @Test
  void bytesDecodeWithPlainAvroUsingTheSchemaTheRegistryServesForTheId(SchemaRegistry registry)
      throws Exception {
    String topic = Topics.unique("identifiers");
    IdentifierEvent event = event("plain@acme.com");
    byte[] bytes =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig())
            .serializer()
            .serialize(topic, event);

    JsonNode served = get(registry, "/schemas/ids/" + idOf(bytes));
    Schema writer = new Schema.Parser().parse(served.get("schema").asText());
    GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(writer)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

    assertThat(bytes[0]).isZero();
    assertThat(decoded.get("identifier")).hasToString("plain@acme.com");
    assertThat(decoded.get("identifier_type")).hasToString("BUSINESS_EMAIL");
  }

  @Test
  void genericValuesAndKeysRoundTrip(SchemaRegistry registry) throws Exception {
    String topic = Topics.unique("contacts");
    GenericRecord contact = new GenericData.Record(CONTACT_V1);
    contact.put("name", "Jane");

    for (boolean isKey : new boolean[] {false, true}) {
      GenericAvroSerde serde = AvroSerdes.generic(registry.serdeConfig(), isKey);
      byte[] bytes = serde.serializer().serialize(topic, contact);
      GenericRecord read = serde.deserializer().deserialize(topic, bytes);
      assertThat(read.get("name")).hasToString("Jane");
      String subject = topic + (isKey ? "-key" : "-value");
      assertThat(idOf(bytes)).isEqualTo(latestVersion(registry, subject).get("id").asInt());
    }
  }

  @Test
  void aNewOptionalFieldWithDefaultEvolvesBothWaysUnderBackwardCompatibility(
      SchemaRegistry registry) throws Exception {
    String topic = Topics.unique("contacts");
    setCompatibility(registry, topic + "-value", "BACKWARD");
    GenericAvroSerde writerSerde = AvroSerdes.generic(registry.serdeConfig(), false);
    GenericRecord v1 = new GenericData.Record(CONTACT_V1);
    v1.put("name", "Old");
    GenericRecord v2 = new GenericData.Record(CONTACT_V2);
    v2.put("name", "New");
    v2.put("email", "new@acme.com");

    byte[] v1Bytes = writerSerde.serializer().serialize(topic, v1);
    byte[] v2Bytes = writerSerde.serializer().serialize(topic, v2);
    var oldReader = ConfluentAvroDeserializer.withReaderSchema(null, CONTACT_V1);
    oldReader.configure(registry.serdeConfig(), false);
    var newReader = ConfluentAvroDeserializer.withReaderSchema(null, CONTACT_V2);
    newReader.configure(registry.serdeConfig(), false);

    assertThat(idOf(v2Bytes)).isNotEqualTo(idOf(v1Bytes));
    assertThat(get(registry, "/subjects/" + topic + "-value/versions").size()).isEqualTo(2);
    GenericRecord newReadByOld = oldReader.deserialize(topic, v2Bytes);
    assertThat(newReadByOld.get("name")).hasToString("New");
    assertThat(newReadByOld.getSchema().getField("email")).isNull();
    GenericRecord oldReadByNew = newReader.deserialize(topic, v1Bytes);
    assertThat(oldReadByNew.get("name")).hasToString("Old");
    assertThat(oldReadByNew.get("email")).isNull();
  }

  @Test
  void generatedClassReadsRecordsOfAnOlderAndANewerSchemaVersion(SchemaRegistry registry)
      throws Exception {
    String topic = Topics.unique("identifiers");
    setCompatibility(registry, topic + "-value", "BACKWARD");
    Schema current = IdentifierEvent.getClassSchema();
    Schema older = withoutField(current, "event_time");
    Schema newer =
        new Schema.Parser()
            .parse(
                current
                    .toString()
                    .replace(
                        "\"fields\":[",
                        "\"fields\":[{\"name\":\"priority\",\"type\":[\"null\",\"int\"],\"default\":null},"));
    GenericAvroSerde writer = AvroSerdes.generic(registry.serdeConfig(), false);
    SpecificAvroSerde<IdentifierEvent> reader =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig());

    byte[] olderBytes = writer.serializer().serialize(topic, genericEvent(older, "old@acme.com"));
    byte[] newerBytes =
        writer.serializer().serialize(topic, withPriority(genericEvent(newer, "new@acme.com"), 7));

    IdentifierEvent fromOlder = reader.deserializer().deserialize(topic, olderBytes);
    IdentifierEvent fromNewer = reader.deserializer().deserialize(topic, newerBytes);
    assertThat(fromOlder.getIdentifier()).isEqualTo("old@acme.com");
    assertThat(fromOlder.getEventTime()).isNull();
    assertThat(fromNewer.getIdentifier()).isEqualTo("new@acme.com");
    assertThat(fromNewer.getIdentifierType()).isEqualTo(IdentifierType.BUSINESS_EMAIL);
  }

  @Test
  void anIncompatibleChangeIsRejectedWithTheRegistrysMessage(SchemaRegistry registry)
      throws Exception {
    String topic = Topics.unique("contacts");
    GenericAvroSerde serde = AvroSerdes.generic(registry.serdeConfig(), false);
    GenericRecord v1 = new GenericData.Record(CONTACT_V1);
    v1.put("name", "a");
    serde.serializer().serialize(topic, v1);
    setCompatibility(registry, topic + "-value", "BACKWARD");
    Schema requiredAge = contact(", {\"name\": \"age\", \"type\": \"int\"}");
    GenericRecord incompatible = new GenericData.Record(requiredAge);
    incompatible.put("name", "b");
    incompatible.put("age", 40);

    assertThatThrownBy(() -> serde.serializer().serialize(topic, incompatible))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not register Avro schema io.personenricher.it.Contact")
        .hasMessageContaining("incompatible with subject '" + topic + "-value'")
        .hasMessageContaining("HTTP 409")
        .cause()
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE_SCHEMA));
  }

  @Test
  void anUnknownIdIsReportedWithTheRegistrysAnswer(SchemaRegistry registry) {
    SpecificAvroSerde<IdentifierEvent> serde =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig());
    byte[] bytes =
        ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put((byte) 2).put((byte) 'a').array();

    assertThatThrownBy(() -> serde.deserializer().deserialize("any", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not fetch writer schema id 987654")
        .hasMessageContaining(registry.url())
        .hasMessageContaining("Unknown schema id");
  }

  @Test
  void lookupOnlySerializerFindsTheIdARegisteringSerializerCreated(SchemaRegistry registry) {
    String topic = Topics.unique("contacts");
    GenericRecord v1 = new GenericData.Record(CONTACT_V1);
    v1.put("name", "a");
    Map<String, Object> lookupOnly = registry.serdeConfig();
    lookupOnly.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
    ConfluentAvroSerializer<GenericRecord> lookup = new ConfluentAvroSerializer<>();
    lookup.configure(lookupOnly, false);

    assertThatThrownBy(() -> lookup.serialize(topic, v1))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not look up");
    byte[] registered =
        AvroSerdes.generic(registry.serdeConfig(), false).serializer().serialize(topic, v1);
    assertThat(idOf(lookup.serialize(topic, v1))).isEqualTo(idOf(registered));
  }

  private static IdentifierEvent event(String identifier) {
    return IdentifierEvent.newBuilder()
        .setIdentifierType(IdentifierType.BUSINESS_EMAIL)
        .setIdentifier(identifier)
        .setFields(List.of("basic_profile"))
        .setMetadata(Map.of("tenant", "acme"))
        .setEventTime(Instant.ofEpochMilli(1_763_800_000_000L))
        .build();
  }

  private static GenericRecord genericEvent(Schema schema, String identifier) {
    GenericRecord record = new GenericData.Record(schema);
    record.put(
        "identifier_type",
        new GenericData.EnumSymbol(schema.getField("identifier_type").schema(), "BUSINESS_EMAIL"));
    record.put("identifier", identifier);
    record.put("metadata", Map.of());
    return record;
  }

  private static GenericRecord withPriority(GenericRecord record, int priority) {
    record.put("priority", priority);
    return record;
  }

  private static Schema withoutField(Schema schema, String dropped) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!field.name().equals(dropped)) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static int idOf(byte[] bytes) {
    assertThat(bytes[0]).isZero();
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  private static JsonNode latestVersion(SchemaRegistry registry, String subject) throws Exception {
    return get(registry, "/subjects/" + subject + "/versions/latest");
  }

  private static JsonNode get(SchemaRegistry registry, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void setCompatibility(SchemaRegistry registry, String subject, String level)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(registry.url() + "/config/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\": \"" + level + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("PUT /config/%s: %s", subject, response.body())
        .isEqualTo(200);
  }
}
