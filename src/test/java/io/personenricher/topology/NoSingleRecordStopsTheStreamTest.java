package io.personenricher.topology;

import static io.personenricher.testutil.EnrichmentDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.serde.SchemaRegistryException;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.FlakyRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The defects of issue 9.3 at topology level: each record or answer that used to stop a stream
 * thread (or to be dead-lettered for a registry outage) now has exactly one fitting outcome.
 */
class NoSingleRecordStopsTheStreamTest {

  private static final Duration LINGER = Duration.ofMillis(300);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeEnrichClient client = new FakeEnrichClient();
  private final String scope = "poison-" + UUID.randomUUID();
  private final FlakyRegistry registry = new FlakyRegistry(InMemorySchemaRegistry.forScope(scope));
  private final ProcessorActivity activity = new ProcessorActivity();
  private EnrichmentDriver driver;

  private static BatchSettings settings(Duration retryDeadline) {
    return new BatchSettings(
        25,
        LINGER,
        4,
        1_000,
        Duration.ofMillis(100),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        retryDeadline,
        Duration.ofMillis(50),
        true,
        null,
        Duration.ofHours(1));
  }

  private EnrichmentDriver start(BatchSettings settings, OutputLimits limits) {
    driver =
        new EnrichmentDriver(
            client, settings, EnricherMetrics.NOOP, activity, registry, limits, true);
    return driver;
  }

  private EnrichmentDriver start() {
    return start(settings(Duration.ofMinutes(10)), OutputLimits.defaults());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void aTruncatedAvroBodyIsDeadLetteredWithItsBytesAndTheStreamGoesOn() {
    start();
    byte[] whole = driver.encode(Events.email("ann@acme.com"));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 4);

    driver.sendRaw("broken", truncated);
    driver.send("fine", Events.email("bob@acme.com"));
    driver.advance(LINGER);

    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            dl -> {
              assertThat(key(dl.key())).isEqualTo("broken");
              assertThat(dl.value().getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
              assertThat(dl.value().getRawValue().array()).isEqualTo(truncated);
            });
    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("fine");
  }

  @ParameterizedTest
  @EnumSource(
      value = SchemaRegistryException.Kind.class,
      names = {"UNREACHABLE", "UNEXPECTED_RESPONSE", "AUTHENTICATION"})
  void aRegistryOutageHoldsTheRecordsAndDeadLettersNothing(SchemaRegistryException.Kind kind) {
    start();
    byte[] event = driver.encode(Events.email("ann@acme.com"));
    registry.down(kind);

    driver.sendRaw("held", event);
    driver.advance(Duration.ofSeconds(5));

    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.enriched()).isEmpty();
    assertThat(activity.registryProblem()).isPresent();
    assertThat(activity.pendingEntries()).isEqualTo(1);

    registry.up();
    driver.advance(Duration.ofSeconds(5));
    driver.advance(LINGER);

    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("held");
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(activity.registryProblem()).isEmpty();
  }

  @Test
  void anOutageOfSixMinutesLosesNothingKeepsKeyOrderAndEndsByItself() {
    start();
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(driver.encode(Events.email("person" + i + "@acme.com")));
    }
    registry.down(SchemaRegistryException.Kind.UNREACHABLE);

    for (int i = 0; i < 30; i++) {
      driver.sendRaw("k" + (i % 10), events.get(i));
    }
    for (int second = 0; second < 6 * 60; second += 5) {
      driver.advance(Duration.ofSeconds(5));
    }
    int failedCallsDuringOutage = registry.failedCalls();

    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.enriched()).isEmpty();
    assertThat(client.requests()).isEmpty();
    // One call per record read, then one per backoff period (4 s at most here), not one per
    // punctuation (7,200 in six minutes).
    assertThat(failedCallsDuringOutage).isLessThanOrEqualTo(30 + 6 * 60 / 4 + 5);

    registry.up();
    for (int i = 0; i < 30; i++) {
      driver.advance(Duration.ofSeconds(5));
    }

    List<String> identifiers =
        driver.enriched().stream().map(r -> r.value().getInput().getIdentifier()).toList();
    assertThat(identifiers).hasSize(30).doesNotHaveDuplicates();
    for (int k = 0; k < 10; k++) {
      String key = "k" + k;
      List<String> ofKey =
          driver.outputs().stream()
              .filter(o -> key.equals(o.key()))
              .map(o -> ((io.personenricher.model.avro.EnrichedPerson) o.value()))
              .map(p -> p.getInput().getIdentifier())
              .toList();
      assertThat(ofKey)
          .as("key %s in input order", key)
          .containsExactly(
              "person" + k + "@acme.com",
              "person" + (k + 10) + "@acme.com",
              "person" + (k + 20) + "@acme.com");
    }
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void anAnswerWithoutTheCreditsHeaderIsEnrichedWithUnknownCredits() {
    client.always(
        request ->
            new EnrichOutcome.Success(
                request.identifiers().stream()
                    .map(
                        id ->
                            new EnrichEntry(
                                id,
                                request.kind().matchType(),
                                List.of(FakeEnrichClient.person(id, 1.0))))
                    .toList(),
                null,
                200));
    start();

    driver.send("a", Events.email("ann@acme.com"));
    driver.advance(LINGER);

    assertThat(driver.enriched())
        .singleElement()
        .satisfies(r -> assertThat(r.value().getCreditsUsed()).isNull());
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void anAnswerTooLargeForTheOutputTopicBecomesADeadLetterWithItsReason() {
    ObjectNode huge = JSON.createObjectNode();
    huge.putObject("basic_profile").put("summary", "x".repeat(200_000));
    client.withMatches("big@acme.com", List.of(new PersonMatchResult(1.0, huge)));
    start(settings(Duration.ofMinutes(10)), new OutputLimits(64 * 1024));

    driver.send("big", Events.email("big@acme.com"));
    driver.send("small", Events.email("small@acme.com"));
    driver.advance(LINGER);

    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            dl -> {
              assertThat(key(dl.key())).isEqualTo("big");
              DeadLetter letter = dl.value();
              assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
              assertThat(letter.getEvent().getIdentifier()).isEqualTo("big@acme.com");
              assertThat(letter.getErrorMessage()).contains("max.message.bytes");
            });
    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("small");
  }

  @Test
  void anAnswerTheMappingFailsOnBecomesADeadLetterAndTheRestOfTheBatchGoesOn() {
    client.withMatches("odd@acme.com", List.of(FakeEnrichClient.unmappable(1.0)));
    start();

    driver.send("odd", Events.email("odd@acme.com"));
    driver.send("fine", Events.email("fine@acme.com"));
    driver.advance(LINGER);

    assertThat(client.requests()).hasSize(1);
    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            dl -> {
              assertThat(key(dl.key())).isEqualTo("odd");
              assertThat(dl.value().getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
              assertThat(dl.value().getErrorClass()).isEqualTo("output_not_built");
              assertThat(dl.value().getErrorMessage()).contains("a mapping defect");
            });
    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("fine");
  }

  @Test
  void aHaltLongerThanTheRetryDeadlineUsesNoAttemptsAndStartsNoDeadline() {
    client.always(
        r -> new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, null, "client halted; not sent"));
    client.halted(HaltReason.OUT_OF_CREDITS);
    start(settings(Duration.ofSeconds(30)), OutputLimits.defaults());

    driver.send("a", Events.email("ann@acme.com"));
    for (int i = 0; i < 60; i++) {
      driver.advance(Duration.ofSeconds(10));
    }
    assertThat(driver.deadLetters()).isEmpty();

    client.halted(null);
    client.answerNormally();
    client.thenAnswer(
        r ->
            new EnrichOutcome.Retriable(
                EnrichOutcome.RetryReason.SERVER_ERROR, 503, "API answered 503", null));
    for (int i = 0; i < 10; i++) {
      driver.advance(Duration.ofSeconds(1));
    }

    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.enriched())
        .singleElement()
        .satisfies(
            r -> assertThat(r.value().getAttempts()).as("the 503 and the success").isEqualTo(2));
  }

  @Test
  void anAnswerHandedBackStaysInFlightUntilTheStreamThreadHandledIt() {
    client.holdingRequests(true);
    start();
    driver.sendAll("k", Events.emails(25));
    assertThat(activity.inFlightRequests()).isEqualTo(1);

    client.releaseHeld();

    assertThat(activity.inFlightRequests())
        .as("answered by the API but not yet written: a shutdown must still wait for it")
        .isEqualTo(1);
    driver.advance(Duration.ofMillis(50));
    assertThat(activity.inFlightRequests()).isZero();
    assertThat(driver.enriched()).hasSize(25);
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      value = 30,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void drainingWhileATwinWaitsForItsIdentifiersAnswerDoesNotSpinTheStreamThread() {
    client.holdingRequests(true);
    start();
    driver.send("first", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    driver.send("twin", Events.email("ANN@acme.com"));

    activity.requestDrain();
    driver.advance(Duration.ofMillis(50));
    client.releaseHeld();
    driver.advance(Duration.ofMillis(50));

    assertThat(driver.enriched())
        .extracting(r -> key(r.key()))
        .containsExactlyInAnyOrder("first", "twin");
    assertThat(client.requests()).hasSize(1);
  }

  @Test
  void theOldestWorkGetsTheNextPermitWhateverItsGroup() {
    java.util.function.IntFunction<IdentifierEvent> email =
        i -> Events.email("p" + i + "@acme.com");
    java.util.function.IntFunction<IdentifierEvent> url =
        i -> Events.profileUrl("https://www.linkedin.com/in/p" + i);
    // Both ways round, so that no hash order of the groups can pass it by luck.
    assertOldestGroupGoesFirst(email, url);
    driver.close();
    driver = null;
    assertOldestGroupGoesFirst(url, email);
  }

  private void assertOldestGroupGoesFirst(
      java.util.function.IntFunction<IdentifierEvent> first,
      java.util.function.IntFunction<IdentifierEvent> second) {
    FakeEnrichClient held = new FakeEnrichClient().holdingRequests(true);
    BatchSettings oneAtATime =
        new BatchSettings(
            25,
            LINGER,
            1,
            1_000,
            Duration.ofMillis(100),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(4),
            Duration.ofMinutes(10),
            Duration.ofMillis(50),
            false,
            null,
            Duration.ofHours(1));
    driver =
        new EnrichmentDriver(
            held,
            oneAtATime,
            EnricherMetrics.NOOP,
            new ProcessorActivity(),
            null,
            OutputLimits.defaults(),
            false);
    for (int i = 0; i < 25; i++) {
      driver.send("a" + i, first.apply(i));
    }
    driver.advance(Duration.ofMillis(1));
    for (int i = 0; i < 25; i++) {
      driver.send("b" + i, second.apply(i));
    }
    driver.advance(Duration.ofMillis(1));
    for (int i = 25; i < 75; i++) {
      driver.send("a" + i, first.apply(i));
    }
    List<EnrichRequest> sent = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      EnrichRequest request = held.held().get(0).request();
      sent.add(request);
      held.releaseHeld();
      driver.advance(Duration.ofMillis(50));
    }
    assertThat(sent)
        .extracting(EnrichRequest::kind)
        .containsExactly(
            sent.get(0).kind(), sent.get(1).kind(), sent.get(0).kind(), sent.get(0).kind());
    assertThat(sent.get(1).kind())
        .as("the second group waited longer")
        .isNotEqualTo(sent.get(0).kind());
  }
}
