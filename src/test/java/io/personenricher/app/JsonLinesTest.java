package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static IdentifierEvent event() {
    return IdentifierEvent.newBuilder()
        .setIdentifierType(IdentifierType.BUSINESS_EMAIL)
        .setIdentifier("jane@acme.com")
        .setMinSimilarityScore(0.8)
        .setFields(List.of("basic_profile"))
        .setMetadata(Map.of("tenant", "t1"))
        .build();
  }

  @Test
  void rendersOneJsonObjectWithCoordinatesKeyAndPlainValue() throws Exception {
    String line =
        JsonLines.render(
            "person.identifiers",
            1,
            42,
            1_700_000_000_000L,
            "k1".getBytes(StandardCharsets.UTF_8),
            event(),
            null,
            null);

    assertThat(line).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("topic").asText()).isEqualTo("person.identifiers");
    assertThat(json.get("partition").asInt()).isEqualTo(1);
    assertThat(json.get("offset").asLong()).isEqualTo(42);
    assertThat(json.get("timestamp").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(json.get("key").asText()).isEqualTo("k1");
    JsonNode value = json.get("value");
    assertThat(value.get("identifier_type").asText()).isEqualTo("BUSINESS_EMAIL");
    assertThat(value.get("identifier").asText()).isEqualTo("jane@acme.com");
    assertThat(value.get("min_similarity_score").asDouble()).isEqualTo(0.8);
    assertThat(value.get("fields").get(0).asText()).isEqualTo("basic_profile");
    assertThat(value.get("metadata").get("tenant").asText()).isEqualTo("t1");
    assertThat(value.get("event_time").isNull()).isTrue();
  }

  @Test
  void genericRecordsWithBytesAndNestedRecordsBecomePlainJson() throws Exception {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setEvent(event())
            .setRawKey(ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .setReason(DeadLetterReason.INVALID_EVENT)
            .setErrorClass("invalid_email")
            .setErrorMessage("not an email")
            .setSourceTopic("in")
            .setSourcePartition(0)
            .setSourceOffset(7)
            .setFailedAt(java.time.Instant.ofEpochMilli(5))
            .build();
    GenericRecord generic = (GenericRecord) GenericData.get().deepCopy(letter.getSchema(), letter);

    JsonNode value =
        JSON.readTree(JsonLines.render("dlq", 0, 0, 0, null, generic, null, null)).get("value");

    assertThat(value.get("reason").asText()).isEqualTo("INVALID_EVENT");
    assertThat(value.get("raw_key").asText()).isEqualTo("AQID");
    assertThat(value.get("event").get("identifier").asText()).isEqualTo("jane@acme.com");
    assertThat(value.get("failed_at").asLong()).isEqualTo(5);
    assertThat(value.get("last_http_status").isNull()).isTrue();
  }

  @Test
  void aNullKeyIsNullAndANonUtf8KeyIsShownAsBase64() throws Exception {
    assertThat(
            JSON.readTree(JsonLines.render("t", 0, 0, 0, null, null, null, null))
                .get("key")
                .isNull())
        .isTrue();
    JsonNode json =
        JSON.readTree(
            JsonLines.render("t", 0, 0, 0, new byte[] {(byte) 0xff, 0}, null, null, null));
    assertThat(json.has("key")).isFalse();
    assertThat(json.get("key_base64").asText()).isEqualTo("/wA=");
  }

  @Test
  void anUndecodableValueIsReportedWithItsBytesNotDropped() throws Exception {
    JsonNode json =
        JSON.readTree(
            JsonLines.render(
                "t",
                0,
                3,
                0,
                "k".getBytes(StandardCharsets.UTF_8),
                null,
                "Unknown magic byte",
                new byte[] {9, 9}));

    assertThat(json.get("value_error").asText()).isEqualTo("Unknown magic byte");
    assertThat(json.get("value_base64").asText()).isEqualTo("CQk=");
    assertThat(json.has("value")).isFalse();
  }
}
