package io.personenricher.topology;

import static io.personenricher.testutil.EnrichmentDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichOutcome.RetryReason;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.client.IdentifierKind;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.model.avro.UnmatchedReason;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichmentTopologyTest {

  private static final Duration LINGER = Duration.ofMillis(300);

  private final FakeEnrichClient client = new FakeEnrichClient();
  private EnrichmentDriver driver;

  private static BatchSettings settings() {
    return new BatchSettings(
        25,
        LINGER,
        4,
        1_000,
        Duration.ofMillis(100),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        Duration.ofMinutes(10),
        Duration.ofMillis(50),
        true,
        null,
        Duration.ofHours(1));
  }

  private EnrichmentDriver start(BatchSettings settings) {
    driver = new EnrichmentDriver(client, settings);
    return driver;
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void twentySixEmailsBecomeOneFullRequestAndOneLingeringRequest() {
    start(settings());
    driver.sendAll("k", Events.emails(26));

    assertThat(client.requestSizes()).containsExactly(25);
    driver.advance(LINGER);

    assertThat(client.requestSizes()).containsExactly(25, 1);
    assertThat(driver.enriched()).hasSize(26);
  }

  @Test
  void identifierTypesNeverShareARequest() {
    start(settings());
    driver.send("e1", Events.email("ann@acme.com"));
    driver.send("u1", Events.profileUrl("https://www.linkedin.com/in/ann-lee/"));
    driver.send("e2", Events.email("bob@acme.com"));
    driver.advance(LINGER);

    assertThat(client.requests())
        .extracting(EnrichRequest::kind, EnrichRequest::identifiers)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                IdentifierKind.BUSINESS_EMAIL, List.of("ann@acme.com", "bob@acme.com")),
            org.assertj.core.groups.Tuple.tuple(
                IdentifierKind.PROFILE_URL, List.of("https://www.linkedin.com/in/ann-lee/")));
  }

  @Test
  void requestOptionsSplitBatchesButUrlThresholdsDoNot() {
    start(settings());
    driver.send("a", Events.event(IdentifierType.BUSINESS_EMAIL, "a@acme.com", 0.8, null));
    driver.send("b", Events.event(IdentifierType.BUSINESS_EMAIL, "b@acme.com", 0.5, null));
    driver.send(
        "c", Events.event(IdentifierType.BUSINESS_EMAIL, "c@acme.com", 0.8, List.of("experience")));
    driver.send(
        "d",
        Events.event(
            IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL,
            "https://linkedin.com/in/dee",
            0.9,
            null));
    driver.send(
        "e",
        Events.event(
            IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL,
            "https://linkedin.com/in/eve",
            0.2,
            null));
    driver.advance(LINGER);

    assertThat(client.requestSizes()).containsExactlyInAnyOrder(1, 1, 1, 2);
    EnrichRequest withFields =
        client.requests().stream().filter(r -> !r.fields().isEmpty()).findFirst().orElseThrow();
    assertThat(withFields.fields()).containsExactly("experience");
    assertThat(withFields.minSimilarityScore()).isEqualTo(0.8);
    EnrichRequest urls =
        client.requests().stream()
            .filter(r -> r.kind() == IdentifierKind.PROFILE_URL)
            .findFirst()
            .orElseThrow();
    assertThat(urls.minSimilarityScore()).isNull();
  }

  @Test
  void partialBatchWaitsForTheLingerOfItsOldestEntry() {
    start(settings());
    driver.send("k1", Events.email("ann@acme.com"));
    driver.advance(Duration.ofMillis(200));
    driver.send("k2", Events.email("bob@acme.com"));
    driver.advance(Duration.ofMillis(50));
    assertThat(client.requests()).isEmpty();

    driver.advance(Duration.ofMillis(100));

    assertThat(client.requestSizes()).containsExactly(2);
  }

  @Test
  void batchWaitsForQuotaAndFillsUpMeanwhile() {
    client.withPermitDelay(Duration.ofSeconds(3));
    start(settings());
    driver.sendAll("k", Events.emails(10));
    driver.advance(LINGER.multipliedBy(2));
    assertThat(client.requests()).isEmpty();

    driver.sendAll("m", Events.emails(30).subList(10, 30));
    client.withPermitDelay(Duration.ZERO);
    driver.advance(Duration.ofMillis(50));
    assertThat(client.requestSizes()).as("the full batch goes at once").containsExactly(25);

    driver.advance(LINGER);
    assertThat(client.requestSizes())
        .as("the rest waits for its own linger")
        .containsExactly(25, 5);
  }

  @Test
  void splitsTheResponseBackToEachKeyByPosition() {
    start(settings());
    List<String> emails = IntStream.range(0, 5).mapToObj(i -> "p" + i + "@acme.com").toList();
    for (int i = 0; i < emails.size(); i++) {
      driver.send("key-" + i, Events.email(emails.get(i)));
    }
    driver.advance(LINGER);

    List<TestRecord<byte[], EnrichedPerson>> out = driver.enriched();
    assertThat(out).hasSize(5);
    for (TestRecord<byte[], EnrichedPerson> record : out) {
      String expectedEmail = emails.get(Integer.parseInt(key(record.key()).substring(4)));
      assertThat(record.value().getMatchedOn()).isEqualTo(expectedEmail);
      assertThat(record.value().getInput().getIdentifier()).isEqualTo(expectedEmail);
      assertThat(record.value().getMatches().get(0).getBasicProfile().getName())
          .isEqualTo("Person " + expectedEmail);
      assertThat(record.value().getMatches().get(0).getPersonDataJson())
          .contains("Person " + expectedEmail);
    }
  }

  @Test
  void responseWhoseMatchedOnDisagreesIsRetriedAndNeverAssignedToTheWrongKey() {
    client.thenAnswer(this::swappedAnswer);
    start(settings());
    driver.send("a", Events.email("ann@acme.com"));
    driver.send("b", Events.email("bob@acme.com"));
    driver.advance(LINGER);
    assertThat(driver.enriched()).isEmpty();

    driver.advance(Duration.ofSeconds(1));

    assertThat(client.requests()).hasSize(2);
    assertThat(driver.enriched())
        .extracting(r -> key(r.key()), r -> r.value().getMatchedOn())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", "ann@acme.com"),
            org.assertj.core.groups.Tuple.tuple("b", "bob@acme.com"));
  }

  private EnrichOutcome swappedAnswer(EnrichRequest request) {
    EnrichOutcome.Success normal = (EnrichOutcome.Success) client.answer(request);
    List<EnrichEntry> reversed = new ArrayList<>(normal.entries());
    Collections.reverse(reversed);
    return new EnrichOutcome.Success(reversed, normal.creditsUsed(), 200);
  }

  @Test
  void matchedOnInNormalisedFormIsAccepted() {
    client.thenAnswer(
        request ->
            new EnrichOutcome.Success(
                List.of(
                    new EnrichEntry(
                        "ANN@ACME.COM",
                        "business_email",
                        List.of(FakeEnrichClient.person("ann", 1.0)))),
                1.0,
                200));
    start(settings());
    driver.send("a", Events.email("ann@acme.com"));
    driver.advance(LINGER);

    assertThat(driver.enriched()).hasSize(1);
  }

  @Test
  void noMatchesAndMatchesBelowTheThresholdGoToUnmatchedWithTheReason() {
    client.withMatches("nobody@acme.com", List.of());
    client.withMatches(
        "weak@acme.com",
        List.of(FakeEnrichClient.person("w1", 0.4), FakeEnrichClient.person("w2", 0.6)));
    client.withMatches(
        "strong@acme.com",
        List.of(FakeEnrichClient.person("s1", 0.4), FakeEnrichClient.person("s2", 0.9)));
    start(settings());
    driver.send("none", Events.email("nobody@acme.com"));
    driver.send("weak", Events.event(IdentifierType.BUSINESS_EMAIL, "weak@acme.com", 0.7, null));
    driver.send(
        "strong", Events.event(IdentifierType.BUSINESS_EMAIL, "strong@acme.com", 0.7, null));
    driver.advance(LINGER);

    List<TestRecord<byte[], UnmatchedIdentifier>> unmatched = driver.unmatched();
    assertThat(unmatched)
        .extracting(r -> key(r.key()), r -> r.value().getReason())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("none", UnmatchedReason.NO_MATCH),
            org.assertj.core.groups.Tuple.tuple("weak", UnmatchedReason.BELOW_THRESHOLD));
    UnmatchedIdentifier weak =
        unmatched.stream()
            .filter(r -> key(r.key()).equals("weak"))
            .findFirst()
            .orElseThrow()
            .value();
    assertThat(weak.getBestConfidenceScore()).isEqualTo(0.6);
    assertThat(weak.getCandidates()).isEqualTo(2);
    List<TestRecord<byte[], EnrichedPerson>> enriched = driver.enriched();
    assertThat(enriched)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(key(r.key())).isEqualTo("strong");
              assertThat(r.value().getMatches())
                  .extracting(m -> m.getConfidenceScore())
                  .containsExactly(0.9);
            });
  }

  @Test
  void invalidEventsAreDeadLetteredAndNeverPoisonTheBatch() {
    start(settings());
    driver.sendAll("good", Events.emails(24));
    driver.send("bad-email", Events.email("not-an-email"));
    driver.send("bad-url", Events.profileUrl("https://www.linkedin.com/in/ann?trk=share"));
    driver.send("bad-host", Events.profileUrl("https://example.com/in/ann"));
    driver.send("bare-id", Events.profileUrl("ACoAAAbcdef"));
    driver.send("bad-score", Events.event(IdentifierType.BUSINESS_EMAIL, "x@acme.com", 1.5, null));
    driver.send(
        "bad-field",
        Events.event(IdentifierType.BUSINESS_EMAIL, "y@acme.com", null, List.of("salary")));
    driver.send("empty", Events.email("  "));
    driver.sendRaw("null-value", null);
    driver.sendRaw("garbage", "definitely not avro".getBytes(StandardCharsets.UTF_8));
    driver.send("good-last", Events.email("last@acme.com"));
    driver.advance(LINGER);

    assertThat(client.requestSizes()).containsExactly(25);
    assertThat(driver.enriched()).hasSize(25);
    List<TestRecord<byte[], DeadLetter>> dead = driver.deadLetters();
    assertThat(dead)
        .extracting(r -> key(r.key()), r -> r.value().getErrorClass())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("bad-email", "invalid_email"),
            org.assertj.core.groups.Tuple.tuple("bad-url", "url_not_a_person_profile"),
            org.assertj.core.groups.Tuple.tuple("bad-host", "url_not_a_person_profile"),
            org.assertj.core.groups.Tuple.tuple("bare-id", "url_not_a_person_profile"),
            org.assertj.core.groups.Tuple.tuple("bad-score", "invalid_min_similarity_score"),
            org.assertj.core.groups.Tuple.tuple("bad-field", "unknown_field"),
            org.assertj.core.groups.Tuple.tuple("empty", "empty_identifier"),
            org.assertj.core.groups.Tuple.tuple("null-value", "null_value"),
            org.assertj.core.groups.Tuple.tuple("garbage", "undecodable"));
    DeadLetter garbage =
        dead.stream().filter(r -> key(r.key()).equals("garbage")).findFirst().orElseThrow().value();
    assertThat(garbage.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    assertThat(StandardCharsets.UTF_8.decode(garbage.getRawValue()).toString())
        .isEqualTo("definitely not avro");
    assertThat(garbage.getSourceTopic()).isEqualTo("person.identifiers");
    assertThat(garbage.getSourceOffset()).isEqualTo(32L);
    assertThat(garbage.getAttempts()).isZero();
    DeadLetter badEmail =
        dead.stream()
            .filter(r -> key(r.key()).equals("bad-email"))
            .findFirst()
            .orElseThrow()
            .value();
    assertThat(badEmail.getEvent().getIdentifier()).isEqualTo("not-an-email");
    assertThat(badEmail.getReason()).isEqualTo(DeadLetterReason.INVALID_EVENT);
    assertThat(badEmail.getErrorMessage()).contains("not-an-email");
  }

  @Test
  void rejectedBatchIsBisectedUntilTheOffenderIsAloneAndTheRestAreEnriched() {
    client.rejecting("person13@acme.com");
    start(settings());
    driver.sendAll("k", Events.emails(25));
    for (int i = 0; i < 10; i++) {
      driver.advance(Duration.ofMillis(50));
    }

    assertThat(driver.enriched()).hasSize(24);
    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(key(r.key())).isEqualTo("k13");
              assertThat(r.value().getReason()).isEqualTo(DeadLetterReason.REJECTED_BY_API);
              assertThat(r.value().getErrorClass()).isEqualTo("invalid_request");
              assertThat(r.value().getLastHttpStatus()).isEqualTo(400);
              assertThat(r.value().getAttempts()).isGreaterThan(1);
            });
    // 25 → 12 + 13 → the 13 half splits to 6 + 7 → ... the offender is isolated in about log2(25)
    // rounds.
    assertThat(client.requests().size()).isLessThanOrEqualTo(1 + 2 * 5);
    assertThat(
            client.requests().stream()
                .filter(r -> r.identifiers().contains("person13@acme.com"))
                .toList())
        .last()
        .satisfies(r -> assertThat(r.identifiers()).containsExactly("person13@acme.com"));
  }

  @Test
  void retriableFailuresBackOffThenSucceed() {
    client.thenAnswer(
        r -> new EnrichOutcome.Retriable(RetryReason.SERVER_ERROR, 503, "unavailable", null));
    start(settings());
    driver.send("k", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    assertThat(client.requests()).hasSize(1);

    driver.advance(Duration.ofMillis(400));
    assertThat(client.requests()).as("backoff holds the retry").hasSize(1);
    driver.advance(Duration.ofMillis(700));

    assertThat(client.requests()).hasSize(2);
    assertThat(driver.enriched())
        .singleElement()
        .satisfies(r -> assertThat(r.value().getAttempts()).isEqualTo(2));
  }

  @Test
  void retryWaitsAtLeastUntilTheServersResetTime() {
    Instant reset = EnrichmentDriver.START.plusSeconds(20);
    client.thenAnswer(
        r -> new EnrichOutcome.Retriable(RetryReason.RATE_LIMITED, 429, "too many", reset));
    start(settings());
    driver.send("k", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    driver.advance(Duration.ofSeconds(10));
    assertThat(client.requests()).hasSize(1);

    driver.advance(Duration.ofSeconds(10));

    assertThat(client.requests()).hasSize(2);
    assertThat(driver.enriched()).hasSize(1);
  }

  @Test
  void retriesRunOutIntoTheDeadLetterTopicWithContext() {
    client.always(
        r -> new EnrichOutcome.Retriable(RetryReason.TIMEOUT, null, "request timed out", null));
    start(settings());
    driver.send("k", Events.email("ann@acme.com"));
    for (int i = 0; i < 20; i++) {
      driver.advance(Duration.ofSeconds(1));
    }

    assertThat(client.requests()).hasSize(3);
    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              DeadLetter dead = r.value();
              assertThat(dead.getReason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
              assertThat(dead.getErrorClass()).isEqualTo("timeout");
              assertThat(dead.getAttempts()).isEqualTo(3);
              assertThat(dead.getLastHttpStatus()).isNull();
              assertThat(dead.getEvent().getIdentifier()).isEqualTo("ann@acme.com");
              assertThat(dead.getSourceOffset()).isZero();
            });
    assertThat(driver.enriched()).isEmpty();
  }

  @Test
  void fatalAnswerHaltsWithoutDeadLetteringAndResumesWhenTheClientClears() {
    Function<EnrichRequest, EnrichOutcome> unauthorized =
        r -> new EnrichOutcome.Fatal(HaltReason.INVALID_API_KEY, 401, "Invalid API key in request");
    client.always(unauthorized);
    start(settings());
    driver.sendAll("k", Events.emails(30));
    driver.advance(LINGER);
    client.halted(HaltReason.INVALID_API_KEY).withPermitDelay(Duration.ofSeconds(60));
    for (int i = 0; i < 10; i++) {
      driver.advance(Duration.ofSeconds(10));
    }
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.enriched()).isEmpty();
    int requestsWhileHalted = client.requests().size();

    client.answerNormally().halted(null).withPermitDelay(Duration.ZERO);
    driver.advance(Duration.ofMillis(50));
    driver.advance(LINGER);

    assertThat(requestsWhileHalted).isLessThanOrEqualTo(4);
    assertThat(driver.enriched()).hasSize(30);
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void duplicateIdentifiersInOneBatchAreSentOnceAndEveryEventIsAnswered() {
    start(settings());
    driver.send("a", Events.email("ann@acme.com"));
    driver.send("b", Events.email("ANN@acme.com"));
    driver.send("c", Events.email("bob@acme.com"));
    driver.advance(LINGER);

    assertThat(client.requests())
        .singleElement()
        .satisfies(
            r -> assertThat(r.identifiers()).containsExactly("ann@acme.com", "bob@acme.com"));
    assertThat(driver.enriched())
        .extracting(r -> key(r.key()), r -> r.value().getInput().getIdentifier())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", "ann@acme.com"),
            org.assertj.core.groups.Tuple.tuple("b", "ANN@acme.com"),
            org.assertj.core.groups.Tuple.tuple("c", "bob@acme.com"));
  }

  @Test
  void eventsWithTheSameKeyComeOutInInputOrder() {
    client.thenAnswer(
        r -> new EnrichOutcome.Retriable(RetryReason.SERVER_ERROR, 500, "boom", null));
    start(settings());
    driver.send("same", Events.email("first@acme.com"));
    driver.send("same", Events.profileUrl("https://www.linkedin.com/in/second"));
    driver.send("same", Events.email("not valid"));
    driver.send("same", Events.email("fourth@acme.com"));
    driver.send("other", Events.email("other@acme.com"));
    for (int i = 0; i < 12; i++) {
      driver.advance(Duration.ofMillis(300));
    }

    List<TestRecord<byte[], EnrichedPerson>> enriched = driver.enriched();
    assertThat(
            enriched.stream()
                .filter(r -> key(r.key()).equals("same"))
                .map(r -> r.value().getMatchedOn()))
        .containsExactly("first@acme.com", "https://www.linkedin.com/in/second", "fourth@acme.com");
    TestRecord<byte[], DeadLetter> invalid = driver.deadLetters().get(0);
    long second =
        enriched.stream()
            .filter(r -> r.value().getMatchedOn().endsWith("second"))
            .findFirst()
            .orElseThrow()
            .timestamp();
    long fourth =
        enriched.stream()
            .filter(r -> r.value().getMatchedOn().startsWith("fourth"))
            .findFirst()
            .orElseThrow()
            .timestamp();
    assertThat(invalid.timestamp()).isBetween(second, fourth);
    assertThat(enriched.stream().map(r -> key(r.key()))).contains("other");
  }

  @Test
  void backPressureBlocksBrieflyAndLosesNothingWhenThePendingStoreIsFull() {
    BatchSettings small =
        new BatchSettings(
            25,
            LINGER,
            2,
            50,
            Duration.ofMillis(20),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(4),
            Duration.ofMinutes(10),
            Duration.ofMillis(50),
            true,
            null,
            Duration.ofHours(1));
    client.holdingRequests(true);
    ProcessorActivity activity = new ProcessorActivity();
    driver = new EnrichmentDriver(client, small, EnricherMetrics.NOOP, activity);
    driver.sendAll("k", Events.emails(80));

    assertThat(activity.pendingEntries()).isEqualTo(80);
    assertThat(client.held()).hasSize(2);
    client.holdingRequests(false);
    client.releaseHeld();
    for (int i = 0; i < 10; i++) {
      driver.advance(LINGER);
    }

    assertThat(driver.enriched()).hasSize(80);
    assertThat(activity.pendingEntries()).isZero();
    assertThat(activity.inFlightRequests()).isZero();
  }

  @Test
  void drainSendsPartialBatchesWithoutWaitingForLinger() {
    ProcessorActivity activity = new ProcessorActivity();
    driver = new EnrichmentDriver(client, settings(), EnricherMetrics.NOOP, activity);
    driver.sendAll("k", Events.emails(3));
    assertThat(client.requests()).isEmpty();

    activity.requestDrain();
    driver.advance(Duration.ofMillis(50));

    assertThat(client.requestSizes()).containsExactly(3);
    assertThat(driver.enriched()).hasSize(3);
  }

  @Test
  void outputsKeepTheInputKeyBytesAndEchoTheInput() {
    start(settings());
    driver.send("crm-42", Events.email("Ann.Lee@Acme.com"));
    driver.advance(LINGER);

    assertThat(driver.enriched())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(key(r.key())).isEqualTo("crm-42");
              assertThat(r.value().getInput().getIdentifier()).isEqualTo("Ann.Lee@Acme.com");
              assertThat(r.value().getInput().getMetadata()).containsEntry("source", "test");
              assertThat(r.value().getCreditsUsed()).isEqualTo(1.0);
            });
    assertThat(client.requests().get(0).identifiers()).containsExactly("Ann.Lee@Acme.com");
  }

  @Test
  void identifierSeenAgainWithinTheCacheTtlIsAnsweredWithoutPayingTwice() {
    start(settings());
    driver.send("first", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    driver.send("again", Events.email("Ann@Acme.com"));
    driver.advance(LINGER);

    assertThat(client.requests()).hasSize(1);
    assertThat(driver.enriched())
        .extracting(
            r -> key(r.key()), r -> r.value().getAttempts(), r -> r.value().getCreditsUsed())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", 1, 1.0),
            org.assertj.core.groups.Tuple.tuple("again", 0, 0.0));
  }

  @Test
  void aCacheHitWithNothingPendingNeverAsksForAPermit() {
    start(settings());
    driver.send("first", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    int checksBefore = client.permitChecks();

    for (int i = 0; i < 5; i++) {
      driver.send("again-" + i, Events.email("ann@acme.com"));
    }

    assertThat(driver.enriched()).hasSize(6);
    assertThat(client.requests()).hasSize(1);
    assertThat(client.permitChecks())
        .as("nothing to send: the dispatcher is not consulted per cache hit")
        .isEqualTo(checksBefore);
  }

  @Test
  void twinArrivingWhileItsIdentifierIsInFlightWaitsForThatAnswer() {
    client.holdingRequests(true);
    start(settings());
    driver.send("first", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    driver.send("twin", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    assertThat(client.requests()).hasSize(1);

    client.holdingRequests(false);
    client.releaseHeld();
    driver.advance(Duration.ofMillis(50));

    assertThat(client.requests()).hasSize(1);
    assertThat(driver.enriched()).extracting(r -> key(r.key())).containsExactly("first", "twin");
  }

  @Test
  void cachedAnswersExpireAndAZeroTtlTurnsTheCacheOff() {
    start(settings().withAnswerCacheTtl(Duration.ofMinutes(5)));
    driver.send("a", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    // A second past the time-to-live: the task's clock moves on with real time inside a call (see
    // TaskClock), so the answer's stamp may be a few real milliseconds after the driver's time.
    driver.advance(Duration.ofMinutes(5).plusSeconds(1));
    driver.send("b", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    assertThat(client.requests()).hasSize(2);
    driver.close();

    FakeEnrichClient uncached = new FakeEnrichClient();
    driver = new EnrichmentDriver(uncached, settings().withAnswerCacheTtl(Duration.ZERO));
    driver.send("a", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    driver.send("b", Events.email("ann@acme.com"));
    driver.advance(LINGER);
    assertThat(uncached.requests()).hasSize(2);
  }
}
