package io.personenricher.serde;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Records and schemas shared by the serde tests. */
final class SerdeTestData {

  static final Schema CONTACT_V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Contact", "namespace": "io.personenricher.test",
               "fields": [{"name": "name", "type": "string"}]}
              """);

  private SerdeTestData() {}

  static IdentifierEvent event(String identifier) {
    return IdentifierEvent.newBuilder()
        .setIdentifierType(IdentifierType.BUSINESS_EMAIL)
        .setIdentifier(identifier)
        .setMinSimilarityScore(0.75)
        .setFields(List.of("basic_profile", "experience"))
        .setMetadata(Map.of("tenant", "acme"))
        .setEventTime(Instant.ofEpochMilli(1_763_800_000_000L))
        .build();
  }

  static GenericRecord contact(String name) {
    GenericRecord record = new GenericData.Record(CONTACT_V1);
    record.put("name", name);
    return record;
  }

  static Map<String, Object> mockConfig(String scope) {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
  }

  static String uniqueScope() {
    return "test-" + UUID.randomUUID();
  }
}
