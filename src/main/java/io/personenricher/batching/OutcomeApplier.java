package io.personenricher.batching;

import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.HaltReason;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.text.Failures;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what the {@link OutcomeHandler} decided for a completed call: splits an answer back
 * to every event of the batch (caching it, crediting each event its share), puts retries and the
 * halves of a bisected batch in the {@link RetryQueue}, holds batches while the client is halted,
 * and dead-letters the events of a batch that failed for good (releasing its claims).
 *
 * <p>Threading notes: stream thread only.
 */
final class OutcomeApplier implements CompletionPump.Outcomes {

  private static final Logger log = LoggerFactory.getLogger(OutcomeApplier.class);

  private final String taskId;
  private final OutcomeHandler handler;
  private final EventFlow flow;
  private final BatchAssembler assembler;
  private final AnswerReuse reuse;
  private final RetryQueue retries;
  private final EnrichClient client;
  private final EnricherMetrics metrics;
  private final LongSupplier pendingEvents;
  private boolean haltLogged;

  OutcomeApplier(
      String taskId,
      OutcomeHandler handler,
      EventFlow flow,
      BatchAssembler assembler,
      AnswerReuse reuse,
      RetryQueue retries,
      EnrichClient client,
      EnricherMetrics metrics,
      LongSupplier pendingEvents) {
    this.taskId = taskId;
    this.handler = handler;
    this.flow = flow;
    this.assembler = assembler;
    this.reuse = reuse;
    this.retries = retries;
    this.client = client;
    this.metrics = metrics;
    this.pendingEvents = pendingEvents;
  }

  void apply(Completion completion, long nowMs) {
    apply(decide(completion, nowMs), nowMs);
  }

  /** What the handler makes of a completed call; {@link #apply(OutcomeDecision, long)} acts. */
  @Override
  public OutcomeDecision decide(Completion completion, long nowMs) {
    return handler.decide(completion, nowMs);
  }

  @Override
  public void apply(OutcomeDecision decision, long nowMs) {
    if (decision instanceof OutcomeDecision.Answered answered) {
      answered(answered, nowMs);
    } else if (decision instanceof OutcomeDecision.Bisect bisect) {
      retries.add(bisect.left().notBefore(nowMs));
      retries.add(bisect.right().notBefore(nowMs));
      metrics.recordRetry("bisect");
    } else if (decision instanceof OutcomeDecision.Retry retry) {
      retries.add(retry.batch());
      metrics.recordRetry(retry.reasonCode());
    } else if (decision instanceof OutcomeDecision.Halted halted) {
      logHalt(halted);
      retries.add(halted.batch());
    } else if (decision instanceof OutcomeDecision.LiveRefused refused) {
      liveRefused(refused, nowMs);
    } else if (decision instanceof OutcomeDecision.Failed failed) {
      Batch batch = failed.batch();
      for (BatchItem item : batch.items()) {
        assembler.landed(batch.group(), item.normalized());
        // Twins elsewhere wait on this task's claim: give it up, so one of them claims it.
        reuse.release(batch.group(), item.normalized(), nowMs);
        for (BatchMember member : item.members()) {
          flow.failed(
              batch.group(), member, failed.verdict(), failed.httpStatus(), batch.calls(), nowMs);
        }
      }
    }
  }

  private void answered(OutcomeDecision.Answered answered, long nowMs) {
    if (haltLogged && client.haltReason().isEmpty()) {
      haltLogged = false;
      log.info("Task {}: the API accepts requests again; sending the pending events", taskId);
    }
    Batch batch = answered.batch();
    int totalMatches = answered.answers().stream().mapToInt(a -> a.matches().size()).sum();
    for (int i = 0; i < batch.items().size(); i++) {
      BatchItem item = batch.items().get(i);
      EnrichEntry answer = answered.answers().get(i);
      PreparedAnswers.Entry prepared = answered.prepared().get(i);
      if (prepared.defect() != null) {
        unmappable(batch, item, prepared.defect(), nowMs);
        continue;
      }
      MappedAnswer mapped = prepared.answer().answer();
      Double share =
          CreditShare.perEvent(
              answered.creditsUsed(), answer.matches().size(), totalMatches, item.members().size());
      reuse.put(batch.group(), item.normalized(), prepared.answer(), nowMs);
      assembler.landed(batch.group(), item.normalized());
      for (BatchMember member : item.members()) {
        flow.answered(batch.group(), member, mapped, share, batch.calls(), nowMs);
      }
    }
  }

  /**
   * An answer the output contract cannot take (a defect in the mapping): its events become dead
   * letters, the rest of the batch goes on, and nothing is kept for reuse.
   */
  private void unmappable(Batch batch, BatchItem item, RuntimeException e, long nowMs) {
    assembler.landed(batch.group(), item.normalized());
    reuse.release(batch.group(), item.normalized(), nowMs);
    Verdict verdict =
        new Verdict(
            DeadLetterReason.PROCESSING_ERROR,
            "output_not_built",
            "the API answer could not be turned into an output record: " + Failures.describe(e));
    for (BatchMember member : item.members()) {
      flow.failed(batch.group(), member, verdict, 200, batch.calls(), nowMs);
    }
  }

  private void liveRefused(OutcomeDecision.LiveRefused refused, long nowMs) {
    flow.liveRefused(refused.fatal().message());
    Batch batch = refused.batch();
    for (BatchItem item : batch.items()) {
      assembler.landed(batch.group(), item.normalized());
      MappedAnswer indexMiss = MappedAnswer.noMatch(item.sentValue(), batch.group().kind());
      for (BatchMember member : item.members()) {
        flow.answered(batch.group(), member, indexMiss, null, batch.calls(), nowMs);
      }
    }
  }

  private void logHalt(OutcomeDecision.Halted halted) {
    if (haltLogged) {
      return;
    }
    haltLogged = true;
    log.error(
        "Task {}: the API client is halted ({}: {}); {} events stay pending and nothing is"
            + " dead-lettered. Sending resumes by itself once a probe request succeeds. {}",
        taskId,
        halted.fatal().reason(),
        halted.fatal().message(),
        pendingEvents.getAsLong(),
        remedy(halted.fatal().reason()));
  }

  static String remedy(HaltReason reason) {
    return switch (reason) {
      case INVALID_API_KEY -> "Fix: set a valid enricher.api.key (or ENRICHER_API_KEY).";
      case OUT_OF_CREDITS -> "Fix: add credits to the Crustdata account.";
      case NOT_PERMITTED -> "Fix: enable Person Enrich for the API key's plan.";
      case BUDGET_EXHAUSTED ->
          "Fix: raise enricher.credits.budget, or wait for the next period (sending resumes then).";
    };
  }
}
