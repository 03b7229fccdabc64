package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.intake.IdentifierValidator;
import io.personenricher.intake.Validation;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.reuse.AnswerCodec;
import io.personenricher.reuse.ReuseRecord;
import io.personenricher.reuse.ReuseRecordCodec;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Application-wide reuse under TopologyTestDriver: the driver pipes what the processor writes to
 * the answers topic back into the global answer book (checked in Kafka Streams 4.3.1), and a test
 * writes there what another task would.
 */
class AnswerReuseTopologyTest {

  private static final Duration LINGER = Duration.ofMillis(300);
  private static final String OTHER_TASK = "0_7";
  private static final String ANN = "ann@acme.com";

  /** Shorter than the default, so a test can outlast it; longer than any other test runs. */
  private static final Duration LEASE = Duration.ofSeconds(20);

  private final FakeEnrichClient client = new FakeEnrichClient();
  private final ReuseSettings reuse =
      new ReuseSettings(
          ReuseSettings.Scope.APPLICATION,
          EnrichmentDriver.ANSWERS_TOPIC,
          LEASE,
          ReuseSettings.DEFAULT_RECHECK);
  private final EnrichmentDriver driver =
      new EnrichmentDriver(
          client, BatchSettings.defaults().withAnswerCacheTtl(Duration.ofHours(24)), reuse);
  private Instant now = EnrichmentDriver.START;

  @AfterEach
  void close() {
    driver.close();
  }

  private void advance(Duration by) {
    // In steps, as a running punctuator would see the clock.
    for (long ms = 0; ms < by.toMillis(); ms += 50) {
      driver.advance(Duration.ofMillis(50));
      now = now.plusMillis(50);
    }
  }

  private static Bytes keyOf(IdentifierEvent event) {
    var identifier =
        ((Validation.Valid) new IdentifierValidator(null).validate(event)).identifier();
    return new AnswerKeys().of(GroupKey.of(identifier), identifier.normalized());
  }

  private void fromAnotherTask(IdentifierEvent event, ReuseRecord record) {
    driver.sendAnswerRecord(keyOf(event).get(), ReuseRecordCodec.encode(record), now);
  }

  /** What the application's answer book holds for the identifier of {@code event}. */
  private ReuseRecord bookHolds(IdentifierEvent event) {
    KeyValueStore<Bytes, byte[]> book = driver.driver().getKeyValueStore(StoreNames.ANSWER_BOOK);
    return ReuseRecordCodec.decode(book.get(keyOf(event))).orElseThrow();
  }

  private List<ReuseRecord> written() {
    return driver.answerRecords().stream()
        .map(TestRecord::value)
        .map(value -> ReuseRecordCodec.decode(value).orElseThrow())
        .toList();
  }

  @Test
  void twinsUnderTwoKeysArePaidOnceAndTheAnswerGoesToTheBook() {
    driver.send("crm-1", Events.email(ANN));
    driver.send("crm-2", Events.email("Ann@Acme.com"));
    advance(Duration.ofSeconds(1));

    assertThat(client.requests()).hasSize(1);
    assertThat(driver.enriched())
        .extracting(r -> EnrichmentDriver.key(r.key()))
        .containsExactly("crm-1", "crm-2");
    List<ReuseRecord> records = written();
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).isInstanceOf(ReuseRecord.Claim.class);
    assertThat(((ReuseRecord.Claim) records.get(0)).owner()).isEqualTo("0_0");
    assertThat(records.get(1)).isInstanceOf(ReuseRecord.Answer.class);

    driver.send("crm-3", Events.email(ANN));
    advance(LINGER);
    assertThat(client.requests()).as("answered from the book").hasSize(1);
  }

  @Test
  void anotherTasksClaimHoldsTheRequestAndItsAnswerIsReusedForNothing() {
    fromAnotherTask(
        Events.email(ANN), new ReuseRecord.Claim(OTHER_TASK, now.toEpochMilli() + 60_000));
    driver.send("crm-1", Events.email(ANN));
    advance(Duration.ofSeconds(5));

    assertThat(client.requests()).as("the claimant pays, not this task").isEmpty();
    assertThat(driver.enriched()).isEmpty();

    EnrichEntry answer =
        new EnrichEntry(ANN, "business_email", List.of(FakeEnrichClient.person(ANN, 0.9)));
    fromAnotherTask(
        Events.email(ANN),
        new ReuseRecord.Answer(now.toEpochMilli(), AnswerCodec.encode(MappedAnswer.of(answer))));
    advance(LINGER);

    assertThat(client.requests()).isEmpty();
    assertThat(driver.enriched())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().getCreditsUsed()).isEqualTo(0.0);
              assertThat(r.value().getAttempts()).isZero();
            });
    assertThat(written()).as("no claim of its own").isEmpty();
  }

  @Test
  void anExpiredClaimOfAnotherTaskIsClaimedAndSent() {
    fromAnotherTask(
        Events.email(ANN), new ReuseRecord.Claim(OTHER_TASK, now.toEpochMilli() + 2_000));
    driver.send("crm-1", Events.email(ANN));
    advance(Duration.ofSeconds(1));
    assertThat(client.requests()).isEmpty();

    advance(Duration.ofSeconds(2));

    assertThat(client.requests()).hasSize(1);
    assertThat(driver.enriched()).hasSize(1);
    assertThat(written())
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("Claim", "Answer");
  }

  @Test
  void aBatchHeldByAHaltLongerThanTheLeaseKeepsItsClaimSoNoOtherTaskPaysForItToo() {
    client.always(
        r -> new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, 402, "Insufficient credits"));
    driver.send("crm-1", Events.email(ANN));
    advance(Duration.ofSeconds(1));
    assertThat(client.requests()).as("claimed, sent, and halted").hasSize(1);
    client.halted(HaltReason.OUT_OF_CREDITS).withPermitDelay(Duration.ofHours(1));

    advance(LEASE.multipliedBy(3));
    // Another task meets the identifier now and claims it: the book must still hold this task's.
    fromAnotherTask(
        Events.email(ANN),
        new ReuseRecord.Claim(OTHER_TASK, now.toEpochMilli() + LEASE.toMillis()));

    assertThat(bookHolds(Events.email(ANN)))
        .isInstanceOfSatisfying(
            ReuseRecord.Claim.class,
            claim -> {
              assertThat(claim.owner()).isEqualTo("0_0");
              assertThat(claim.untilMs()).isGreaterThan(now.toEpochMilli());
            });

    client.answerNormally().halted(null).withPermitDelay(Duration.ZERO);
    advance(Duration.ofSeconds(2));
    assertThat(client.requests()).as("sent again once, by this task").hasSize(2);
    assertThat(driver.enriched()).hasSize(1);
    assertThat(bookHolds(Events.email(ANN))).isInstanceOf(ReuseRecord.Answer.class);
  }

  @Test
  void aDeadLetteredIdentifierReleasesItsClaim() {
    client.rejecting(ANN);
    driver.send("crm-1", Events.email(ANN));
    advance(Duration.ofSeconds(2));

    assertThat(driver.deadLetters()).hasSize(1);
    assertThat(written())
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("Claim", "Release");
  }
}
