package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichOutcome.RetryReason;
import io.personenricher.client.HaltReason;
import io.personenricher.model.avro.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutcomeHandlerTest {

  private static final long NOW = 1_000_000;
  private final AtomicLong ids = new AtomicLong(100);
  private final OutcomeHandler handler =
      new OutcomeHandler(
          new RetryPolicy(settings(), new SplittableRandom(1)), 1_000, ids::getAndIncrement);

  private static BatchSettings settings() {
    return new BatchSettings(
        25,
        Duration.ofMillis(300),
        4,
        1_000,
        Duration.ofMillis(100),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        Duration.ofMinutes(10),
        Duration.ofMillis(50),
        true,
        null,
        Duration.ofHours(1));
  }

  private static Batch batchOf(String... emails) {
    List<BatchItem> items =
        java.util.stream.IntStream.range(0, emails.length)
            .mapToObj(
                i -> {
                  PendingEntry entry = Entries.email(i, "k" + i, emails[i], 0);
                  return new BatchItem(
                      emails[i], emails[i], List.of(new BatchMember(entry, entry.identifier())));
                })
            .toList();
    return Batch.fresh(1, Entries.groupOf(items.get(0).members().get(0).entry()), items);
  }

  private static EnrichEntry entry(String email) {
    return new EnrichEntry(email, "business_email", List.of());
  }

  @Test
  void anAlignedSuccessIsAnsweredAndCountsAsACall() {
    Batch batch = batchOf("a@x.com", "b@x.com");
    var outcome = new EnrichOutcome.Success(List.of(entry("a@x.com"), entry("b@x.com")), 2.0, 200);

    var decision = handler.decide(new Completion(batch, outcome, NOW - 300), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Answered.class,
            answered -> {
              assertThat(answered.batch().calls()).isEqualTo(1);
              assertThat(answered.batch().firstCallAtMs()).isEqualTo(NOW - 300);
              assertThat(answered.creditsUsed()).isEqualTo(2.0);
            });
  }

  @Test
  void aSuccessThatAnswersTheWrongIdentifiersIsARetriableProtocolError() {
    Batch batch = batchOf("a@x.com", "b@x.com");
    var swapped = new EnrichOutcome.Success(List.of(entry("b@x.com"), entry("a@x.com")), 0.0, 200);

    var decision = handler.decide(new Completion(batch, swapped, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Retry.class,
            retry -> {
              assertThat(retry.reasonCode()).isEqualTo("protocol_error");
              assertThat(retry.batch().failures()).isEqualTo(1);
            });
  }

  @Test
  void aRejectedBatchIsHalvedWithTheSameHistoryAndFreshIds() {
    Batch batch = batchOf("a@x.com", "b@x.com", "c@x.com");
    var rejected = new EnrichOutcome.Rejected(400, "invalid_request", "bad identifier");

    var decision = handler.decide(new Completion(batch, rejected, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Bisect.class,
            bisect -> {
              assertThat(bisect.left().items()).hasSize(1);
              assertThat(bisect.right().items()).hasSize(2);
              assertThat(bisect.left().id()).isNotEqualTo(bisect.right().id());
              assertThat(bisect.left().calls()).isEqualTo(1);
            });
  }

  @Test
  void aRejectedSingleIdentifierIsDeadLetteredWithTheApisErrorType() {
    var decision =
        handler.decide(
            new Completion(
                batchOf("a@x.com"), new EnrichOutcome.Rejected(400, "invalid_request", "no"), NOW),
            NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Failed.class,
            failed -> {
              assertThat(failed.verdict().reason()).isEqualTo(DeadLetterReason.REJECTED_BY_API);
              assertThat(failed.verdict().errorClass()).isEqualTo("invalid_request");
              assertThat(failed.httpStatus()).isEqualTo(400);
            });
  }

  @Test
  void aRetryWaitsAtLeastUntilTheServersReset() {
    Instant reset = Instant.ofEpochMilli(NOW + 30_000);
    var limited = new EnrichOutcome.Retriable(RetryReason.RATE_LIMITED, 429, "429", reset);

    var decision = handler.decide(new Completion(batchOf("a@x.com"), limited, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Retry.class,
            retry -> assertThat(retry.batch().notBeforeMs()).isGreaterThanOrEqualTo(NOW + 30_000));
  }

  @Test
  void retriesRunOutIntoADeadLetterAfterTheLastAttempt() {
    Batch batch = batchOf("a@x.com").called(NOW).failed().failed();
    var failure =
        new EnrichOutcome.Retriable(RetryReason.SERVER_ERROR, 503, "API answered 503", null);

    var decision = handler.decide(new Completion(batch, failure, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Failed.class,
            failed -> {
              assertThat(failed.verdict().reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
              assertThat(failed.verdict().message()).contains("gave up after 2 calls");
              assertThat(failed.httpStatus()).isEqualTo(503);
            });
  }

  @Test
  void aRequestTheClientNeverSentUsesNoAttempt() {
    var notSent =
        new EnrichOutcome.Retriable(RetryReason.NOT_SENT, null, "client queue full", null);

    var decision = handler.decide(new Completion(batchOf("a@x.com"), notSent, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Retry.class,
            retry -> {
              assertThat(retry.batch().calls()).isZero();
              assertThat(retry.batch().failures()).isZero();
              assertThat(retry.batch().notBeforeMs()).isGreaterThan(NOW);
            });
  }

  @Test
  void aHaltedClientsOwnAnswerHoldsTheBatchWithoutCountingACall() {
    var halted = new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, null, "halted; not sent");

    var decision = handler.decide(new Completion(batchOf("a@x.com"), halted, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Halted.class,
            held -> {
              assertThat(held.batch().calls()).isZero();
              assertThat(held.batch().firstCallAtMs()).isZero();
              assertThat(held.batch().notBeforeMs()).isEqualTo(NOW + 1_000);
            });
  }

  @Test
  void aFatalAnswerFromTheApiCountsAsACallButIsNeverDeadLettered() {
    var unauthorized = new EnrichOutcome.Fatal(HaltReason.INVALID_API_KEY, 401, "401");

    var decision = handler.decide(new Completion(batchOf("a@x.com"), unauthorized, NOW), NOW);

    assertThat(decision)
        .isInstanceOfSatisfying(
            OutcomeDecision.Halted.class, held -> assertThat(held.batch().calls()).isEqualTo(1));
  }

  @Test
  void onlyA403OfLiveEnrichRefusesTheFallbackEveryOtherFatalAnswerHalts() {
    Batch emails = batchOf("a@x.com");
    Batch live =
        Batch.fresh(
            2,
            new GroupKey(io.personenricher.client.IdentifierKind.PROFILE_URL, List.of(), null)
                .liveTwin(),
            emails.items());
    record Row(Batch batch, HaltReason reason, Class<?> decision) {}
    List<Row> table =
        List.of(
            new Row(live, HaltReason.NOT_PERMITTED, OutcomeDecision.LiveRefused.class),
            new Row(live, HaltReason.OUT_OF_CREDITS, OutcomeDecision.Halted.class),
            new Row(live, HaltReason.INVALID_API_KEY, OutcomeDecision.Halted.class),
            new Row(emails, HaltReason.NOT_PERMITTED, OutcomeDecision.Halted.class));
    for (Row row : table) {
      var fatal = new EnrichOutcome.Fatal(row.reason(), 403, "no");
      assertThat(handler.decide(new Completion(row.batch(), fatal, NOW), NOW))
          .as(row.toString())
          .isInstanceOf(row.decision());
    }
  }
}
