package io.personenricher.batching;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.client.ResponseAlignment;
import io.personenricher.model.avro.DeadLetterReason;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides what a batch's call came to, as a function of the batch, the outcome and the clock (and
 * the retry jitter): success (split back by position), rejected (bisect until the offending
 * identifier is alone, then dead-letter it), retriable (back off with jitter, never before the
 * server's reset, until the attempts or the deadline run out), fatal (hold the batch while the
 * client is halted; for live enrich, a 403 turns the fallback off instead).
 *
 * <p>Only calls that reached the API count as attempts ({@link EnrichOutcome#reachedApi()}): a
 * halted client's local answers neither use up attempts nor start the retry deadline.
 */
final class OutcomeHandler {

  private final RetryPolicy retryPolicy;
  private final long haltRecheckMs;
  private final LongSupplier batchIds;

  /**
   * @param haltRecheckMs how long a batch held by a halt waits before it asks the client again; the
   *     client's own probe pacing decides when a request really goes out
   * @param batchIds ids for the halves of bisected batches (the task's batch id sequence)
   */
  OutcomeHandler(RetryPolicy retryPolicy, long haltRecheckMs, LongSupplier batchIds) {
    this.retryPolicy = retryPolicy;
    this.haltRecheckMs = haltRecheckMs;
    this.batchIds = batchIds;
  }

  OutcomeDecision decide(Completion completion, long nowMs) {
    EnrichOutcome outcome = completion.outcome();
    Batch batch =
        outcome.reachedApi()
            ? completion.batch().called(completion.sentAtMs())
            : completion.batch();
    if (outcome instanceof EnrichOutcome.Success success) {
      List<String> sent = batch.items().stream().map(BatchItem::sentValue).toList();
      Optional<String> misaligned =
          ResponseAlignment.misalignment(batch.group().kind(), sent, success.entries());
      if (misaligned.isPresent()) {
        return retriable(
            batch,
            new EnrichOutcome.Retriable(
                EnrichOutcome.RetryReason.PROTOCOL_ERROR,
                success.httpStatus(),
                misaligned.get(),
                null),
            nowMs);
      }
      return new OutcomeDecision.Answered(
          batch, success.entries(), success.creditsUsed(), completion.prepared());
    }
    if (outcome instanceof EnrichOutcome.Rejected rejected) {
      return rejected(batch, rejected);
    }
    if (outcome instanceof EnrichOutcome.Retriable retriable) {
      return retriable(batch, retriable, nowMs);
    }
    EnrichOutcome.Fatal fatal = (EnrichOutcome.Fatal) outcome;
    if (batch.group().live() && fatal.reason() == HaltReason.NOT_PERMITTED) {
      return new OutcomeDecision.LiveRefused(batch, fatal);
    }
    return new OutcomeDecision.Halted(batch.notBefore(nowMs + haltRecheckMs), fatal);
  }

  private OutcomeDecision rejected(Batch batch, EnrichOutcome.Rejected rejected) {
    if (batch.items().size() > 1) {
      // One malformed identifier fails the whole request: halve until it stands alone.
      int half = batch.items().size() / 2;
      Batch left = batch.part(batchIds.getAsLong(), batch.items().subList(0, half));
      Batch right =
          batch.part(batchIds.getAsLong(), batch.items().subList(half, batch.items().size()));
      return new OutcomeDecision.Bisect(batch, left, right);
    }
    String errorClass = rejected.errorType() == null ? "invalid_request" : rejected.errorType();
    return new OutcomeDecision.Failed(
        batch,
        new Verdict(
            DeadLetterReason.REJECTED_BY_API,
            errorClass,
            "the API rejected the identifier: " + rejected.message()),
        rejected.httpStatus());
  }

  private OutcomeDecision retriable(Batch batch, EnrichOutcome.Retriable retriable, long nowMs) {
    if (!retriable.reachedApi()) {
      // Not sent at all (the client's queue was full): no failure, just try again shortly.
      return new OutcomeDecision.Retry(
          batch.notBefore(nowMs + retryPolicy.backoffMs(1)), retriable.reason().code());
    }
    Batch failed = batch.failed();
    if (retryPolicy.exhausted(failed, nowMs)) {
      return new OutcomeDecision.Failed(
          failed,
          new Verdict(
              DeadLetterReason.RETRIES_EXHAUSTED,
              retriable.reason().code(),
              "gave up after "
                  + failed.calls()
                  + " calls ("
                  + failed.failures()
                  + " retriable failures): "
                  + retriable.message()),
          retriable.httpStatus());
    }
    long notBefore = nowMs + retryPolicy.backoffMs(failed.failures());
    if (retriable.notBefore() != null) {
      notBefore = Math.max(notBefore, retriable.notBefore().toEpochMilli());
    }
    return new OutcomeDecision.Retry(failed.notBefore(notBefore), retriable.reason().code());
  }
}
