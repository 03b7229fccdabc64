package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.serde.SchemaRegistryException;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FlakyRegistry;
import io.personenricher.testutil.ForwardingMetrics;
import io.personenricher.testutil.TestSerdes;
import io.personenricher.topology.EnricherSerdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OutputTopics TOPICS = new OutputTopics("enriched", "unmatched", "dlq");

  private record Forwarded(Route route, byte[] key, byte[] value, Headers headers) {}

  private final String scope = "router-" + UUID.randomUUID();
  private final FlakyRegistry registry = new FlakyRegistry(InMemorySchemaRegistry.forScope(scope));
  private final EnricherSerdes serdes = TestSerdes.enricherSerdes(registry);
  private final List<Forwarded> forwarded = new ArrayList<>();
  private final List<String> deadLetterClasses = new ArrayList<>();

  private final EnricherMetrics metrics =
      new ForwardingMetrics(EnricherMetrics.NOOP) {
        @Override
        public void recordDeadLetter(String errorClass) {
          deadLetterClasses.add(errorClass);
        }
      };

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.drop(scope);
  }

  private OutputRouter router(int maxRecordBytes) {
    OutputEncoder encoder =
        new OutputEncoder(
            TOPICS,
            serdes.enriched().serializer(),
            serdes.unmatched().serializer(),
            serdes.deadLetter().serializer(),
            new OutputLimits(maxRecordBytes));
    return new OutputRouter(
        encoder,
        (route, key, value, headers) -> forwarded.add(new Forwarded(route, key, value, headers)),
        TOPICS,
        metrics);
  }

  private static InputEvent input(String email) {
    return new InputEvent(
        new RecordSource("in", 2, 41, "crm-7".getBytes(StandardCharsets.UTF_8)),
        Events.email(email),
        null,
        0);
  }

  private static MappedAnswer match(String email, ObjectNode personData) {
    return MappedAnswer.of(
        new EnrichEntry(email, "business_email", List.of(new PersonMatchResult(0.9, personData))));
  }

  private DeadLetter deadLetterAt(int i) {
    return serdes.deadLetter().deserializer().deserialize("dlq", forwarded.get(i).value());
  }

  @Test
  void aMatchAtTheThresholdGoesToTheEnrichedTopicWithItsSourceHeader() {
    MappedAnswer answer = match("ann@acme.com", JSON.createObjectNode().put("headline", "CTO"));
    OutputRouter.Result result =
        router(1_048_576).answer(input("ann@acme.com"), answer, 0.9, 1.0, 1, 5);

    assertThat(result).isEqualTo(OutputRouter.Result.WRITTEN);
    assertThat(forwarded)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.route()).isEqualTo(Route.ENRICHED);
              assertThat(new String(f.key(), StandardCharsets.UTF_8)).isEqualTo("crm-7");
              assertThat(
                      new String(
                          f.headers().lastHeader(OutputRouter.SOURCE_HEADER).value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("2/41");
            });
    EnrichedPerson person =
        serdes.enriched().deserializer().deserialize("enriched", forwarded.get(0).value());
    assertThat(person.getCreditsUsed()).isEqualTo(1.0);
    assertThat(person.getMatches())
        .as("the candidate's Avro spliced in reads back as the candidate")
        .containsExactly(answer.matches().get(0).record());
    assertThat(person.getMatches().get(0).getPersonDataJson()).contains("CTO");
  }

  @Test
  void aMatchBelowTheThresholdGoesToTheUnmatchedTopic() {
    router(1_048_576)
        .answer(
            input("ann@acme.com"),
            match("ann@acme.com", JSON.createObjectNode()),
            0.95,
            null,
            1,
            5);

    assertThat(forwarded).extracting(Forwarded::route).containsExactly(Route.UNMATCHED);
  }

  @Test
  void anAnswerWhoseOutputCannotBeBuiltBecomesAProcessingErrorDeadLetter() {
    InputEvent withoutEvent = new InputEvent(new RecordSource("in", 0, 1, null), null, null, 0);

    OutputRouter.Result result =
        router(1_048_576)
            .answer(withoutEvent, match("ann@acme.com", JSON.createObjectNode()), null, null, 1, 5);

    assertThat(result).isEqualTo(OutputRouter.Result.DEAD_LETTERED);
    assertThat(forwarded).extracting(Forwarded::route).containsExactly(Route.DEAD_LETTER);
    assertThat(deadLetterAt(0).getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    assertThat(deadLetterClasses).containsExactly("output_not_built");
  }

  @Test
  void anAnswerTooLargeForItsTopicBecomesAnOutputTooLargeDeadLetterWithTheEvent() {
    ObjectNode big = JSON.createObjectNode();
    big.put("summary", "y".repeat(50_000));

    OutputRouter.Result result =
        router(20_000).answer(input("ann@acme.com"), match("ann@acme.com", big), null, null, 1, 5);

    assertThat(result).isEqualTo(OutputRouter.Result.DEAD_LETTERED);
    DeadLetter letter = deadLetterAt(0);
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
    assertThat(letter.getEvent().getIdentifier()).isEqualTo("ann@acme.com");
    assertThat(letter.getSourceOffset()).isEqualTo(41);
  }

  @Test
  void aDeadLetterTooLargeForItsTopicKeepsItsContextButDropsTheRawBytes() {
    InputEvent undecodable =
        new InputEvent(new RecordSource("in", 0, 3, null), null, new byte[30_000], 0);

    router(20_000)
        .deadLetter(
            undecodable, DeadLetterReason.UNDECODABLE, "undecodable", "bad bytes", null, 0, 5);

    DeadLetter letter = deadLetterAt(0);
    assertThat(letter.getRawValue()).isNull();
    assertThat(letter.getErrorMessage()).contains("raw value dropped");
    assertThat(letter.getSourceOffset()).isEqualTo(3);
  }

  @Test
  void whileTheRegistryCannotRegisterTheOutputSchemaNothingIsWritten() {
    registry.down(SchemaRegistryException.Kind.UNREACHABLE);
    OutputRouter router = router(1_048_576);

    OutputRouter.Result answer =
        router.answer(
            input("ann@acme.com"),
            match("ann@acme.com", JSON.createObjectNode()),
            null,
            null,
            1,
            5);
    OutputRouter.Result deadLetter =
        router.deadLetter(
            input("x"), DeadLetterReason.INVALID_EVENT, "invalid_email", "no", null, 0, 5);

    assertThat(answer).isEqualTo(OutputRouter.Result.REGISTRY_UNAVAILABLE);
    assertThat(deadLetter).isEqualTo(OutputRouter.Result.REGISTRY_UNAVAILABLE);
    assertThat(forwarded).isEmpty();
    assertThat(deadLetterClasses).isEmpty();
  }
}
