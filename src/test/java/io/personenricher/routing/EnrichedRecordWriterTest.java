package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.testutil.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatchesSpliceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String scope = "splice-" + System.nanoTime();
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
      long enrichedAtMs, Double credits, int attempts, EnrichmentSource source) {
    return EnrichedPerson.newBuilder()
        .setInput(Events.email("a@acme.com"))
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

  @Test
  void theSplicedBytesAreThoseOfTheWholeRecordWhateverTheTailHolds() throws Exception {
    for (int n : new int[] {0, 1, 3, 70}) {
      List<EncodedMatch> matches = candidates(n);
      for (long at : new long[] {0, 63, 64, 1_763_800_000_000L, Long.MAX_VALUE / 2}) {
        for (Double credits : new Double[] {null, 0.0, 1.25}) {
          for (int attempts : new int[] {0, 1, 63, 64, 100_000}) {
            for (EnrichmentSource source : EnrichmentSource.values()) {
              EnrichedPerson shell = shell(at, credits, attempts, source);
              byte[] spliced =
                  MatchesSplice.into(serializer.serialize("enriched", shell), shell, matches);

              EnrichedPerson whole = shell(at, credits, attempts, source);
              whole.setMatches(matches.stream().map(EncodedMatch::record).toList());
              assertThat(spliced)
                  .as(
                      "%d matches, at %d, credits %s, attempts %d, %s",
                      n, at, credits, attempts, source)
                  .isEqualTo(serializer.serialize("enriched", whole));
            }
          }
        }
      }
    }
  }

  @Test
  void theOutputSchemaHasTheTailTheSpliceCountsBackOver() {
    assertThat(MatchesSplice.APPLIES).isTrue();
    Schema reordered =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "R", "fields": [
                  {"name": "matches", "type": {"type": "array", "items": "int"}},
                  {"name": "credits_used", "type": ["null", "double"]},
                  {"name": "enriched_at", "type": "long"},
                  {"name": "attempts", "type": "int"},
                  {"name": "source", "type": {"type": "enum", "name": "S", "symbols": ["A"]}}]}
                """);
    assertThat(MatchesSplice.hasTail(reordered)).isFalse();
  }
}
