package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.testutil.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichedRecordWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String scope = "writer-" + System.nanoTime();
  private final Serializer<EnrichedPerson> serializer =
      AvroSerdes.specific(
              EnrichedPerson.class,
              Map.of("schema.registry.url", InMemorySchemaRegistry.SCHEME + scope))
          .serializer();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  private static List<EncodedMatch> candidates(int n) throws Exception {
    List<PersonMatchResult> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(
          new PersonMatchResult(
              0.9 - i / 10.0,
              JSON.readTree(
                  "{\"crustdata_person_id\": "
                      + (1000 + i)
                      + ", \"basic_profile\": {\"name\": \"Person "
                      + i
                      + "\", \"languages\": [\"English\"]},"
                      + " \"skills\": {\"professional_network_skills\": [\"Go\", \"Kafka\"]}}")));
    }
    return MappedAnswer.of(new EnrichEntry("a@acme.com", "business_email", results)).matches();
  }

  private static EnrichedPerson shell(
      IdentifierEvent input,
      long enrichedAtMs,
      Double credits,
      int attempts,
      EnrichmentSource source) {
    return EnrichedPerson.newBuilder()
        .setInput(input)
        .setMatchedOn("a@acme.com")
        .setMatchType("business_email")
        .setBestConfidenceScore(0.9)
        .setMatches(List.of())
        .setEnrichedAt(Instant.ofEpochMilli(enrichedAtMs))
        .setCreditsUsed(credits)
        .setAttempts(attempts)
        .setSource(source)
        .build();
  }

  /** What Avro's own writer gives for the record with its candidates decoded into it. */
  private byte[] avroOf(EnrichedPerson shell, List<EncodedMatch> matches) {
    // Not a builder's copy: that would copy the input too, and its metadata into a map of another
    // order.
    EnrichedPerson whole =
        new EnrichedPerson(
            shell.getInput(),
            shell.getMatchedOn(),
            shell.getMatchType(),
            shell.getBestConfidenceScore(),
            matches.stream().map(EncodedMatch::record).toList(),
            shell.getEnrichedAt(),
            shell.getCreditsUsed(),
            shell.getAttempts(),
            shell.getSource());
    return serializer.serialize("enriched", whole);
  }

  private byte[] written(EnrichedPerson shell, List<EncodedMatch> matches) {
    byte[] header = Arrays.copyOf(serializer.serialize("enriched", shell), 5);
    return EnrichedRecordWriter.write(header, shell, matches);
  }

  @Test
  void theBytesAreAvrosForTheWholeRecordWhateverItsOwnFieldsHold() throws Exception {
    IdentifierEvent input = Events.email("a@acme.com");
    for (int n : new int[] {0, 1, 3, 70}) {
      List<EncodedMatch> matches = candidates(n);
      for (long at : new long[] {0, 63, 64, 1_763_800_000_000L, Long.MAX_VALUE / 2}) {
        for (Double credits : new Double[] {null, 0.0, 1.25}) {
          for (int attempts : new int[] {0, 1, 63, 64, 100_000}) {
            for (EnrichmentSource source : EnrichmentSource.values()) {
              EnrichedPerson shell = shell(input, at, credits, attempts, source);
              assertThat(written(shell, matches))
                  .as(
                      "%d matches, at %d, credits %s, attempts %d, %s",
                      n, at, credits, attempts, source)
                  .isEqualTo(avroOf(shell, matches));
            }
          }
        }
      }
    }
  }

  @Test
  void theBytesAreAvrosWhateverTheInputEventHolds() throws Exception {
    List<EncodedMatch> matches = candidates(2);
    Map<String, String> twoEntries = new LinkedHashMap<>();
    twoEntries.put("crm", "hubspot");
    twoEntries.put("owner", "Zoë Ωmega");
    for (IdentifierType type : IdentifierType.values()) {
      for (String identifier : new String[] {"", "a@acme.com", "https://linkedin.com/in/zoë-ω"}) {
        for (Double minScore : new Double[] {null, 0.0, 0.75}) {
          for (List<String> fields :
              Arrays.<List<String>>asList(null, List.of(), List.of("basic_profile", "skills"))) {
            for (Map<String, String> metadata : List.of(Map.<String, String>of(), twoEntries)) {
              for (Instant eventTime :
                  new Instant[] {null, Instant.ofEpochMilli(1_763_800_000_123L)}) {
                IdentifierEvent input =
                    IdentifierEvent.newBuilder()
                        .setIdentifierType(type)
                        .setIdentifier(identifier)
                        .setMinSimilarityScore(minScore)
                        .setFields(fields)
                        .setMetadata(metadata)
                        .setEventTime(eventTime)
                        .build();
                EnrichedPerson shell =
                    shell(input, 1_763_800_000_000L, 0.5, 1, EnrichmentSource.LIVE);
                assertThat(written(shell, matches))
                    .as("%s", input)
                    .isEqualTo(avroOf(shell, matches));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void theWriterAppliesToTheOutputSchemaAndToNoOther() {
    assertThat(EnrichedRecordWriter.APPLIES)
        .as(
            "EnrichedPerson's schema changed: bring EnrichedRecordWriter up to date with it, then"
                + " its SCHEMA_FINGERPRINT")
        .isTrue();
    Schema inMicros =
        new Schema.Parser()
            .parse(
                EnrichedPerson.getClassSchema()
                    .toString()
                    .replaceFirst("timestamp-millis", "timestamp-micros"));
    assertThat(EnrichedRecordWriter.fingerprint(inMicros))
        .isNotEqualTo(EnrichedRecordWriter.SCHEMA_FINGERPRINT);
  }
}
