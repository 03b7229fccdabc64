package io.personenricher.batching;

import io.personenricher.credits.PriceList;
import io.personenricher.intake.ValidIdentifier;
import io.personenricher.intake.Validation;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.quota.Endpoint;
import io.personenricher.routing.InputEvent;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.routing.OutputRouter;
import io.personenricher.routing.OutputRouter.Result;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of an event from admission to its one output: through its key's turn ({@link
 * KeyOrderGate}), a reused answer ({@link AnswerReuse}) or the {@link PendingBuffer}, to the {@link
 * OutputRouter}; and, while the schema registry cannot be reached, the {@link RegistryWaitList}.
 *
 * <p>Invariant: every admitted event is in exactly one place (parked, held for the registry, in the
 * buffer) until the transaction that forwards its output removes it; and it is routed exactly once.
 * A profile URL the index did not match may move on to live enrich first ({@link LiveFallback}):
 * from its group to the group's live twin, keeping its key's turn. An event the router could not
 * write for want of the registry is never lost: it is held, or (for an answer already paid for)
 * returned to the buffer while its answer waits in the cache.
 *
 * <p>Threading notes: stream thread only.
 */
final class EventFlow {

  private static final Logger log = LoggerFactory.getLogger(EventFlow.class);
  private static final String OUTPUT_SCHEMA = "the output schema could not be registered";

  /** Where an event stands once the flow has done what it can with it for now. */
  private enum Progress {
    FINISHED,
    PENDING,
    BLOCKED
  }

  private final String taskId;
  private final EventIntake intake;
  private final KeyOrderGate gate;
  private final PendingBuffer buffer;
  private final BatchAssembler assembler;
  private final AnswerReuse reuse;
  private final RegistryWaitList registry;
  private final OutputRouter router;
  private final ProcessorActivity activity;
  private final LiveFallback live;
  private final EnricherMetrics metrics;
  private long outputsBlockedUntilMs;

  EventFlow(
      String taskId,
      EventIntake intake,
      KeyOrderGate gate,
      PendingBuffer buffer,
      BatchAssembler assembler,
      AnswerReuse reuse,
      RegistryWaitList registry,
      OutputRouter router,
      ProcessorActivity activity,
      LiveFallback live,
      EnricherMetrics metrics) {
    this.taskId = taskId;
    this.intake = intake;
    this.gate = gate;
    this.buffer = buffer;
    this.assembler = assembler;
    this.reuse = reuse;
    this.registry = registry;
    this.router = router;
    this.activity = activity;
    this.live = live;
    this.metrics = metrics;
  }

  /** Events this task holds: pending, parked behind their key, or waiting for the registry. */
  long held() {
    return buffer.size() + gate.parkedCount() + registry.size();
  }

  /**
   * True while an output could not be written for want of the registry and its backoff has not
   * passed: no answer should be paid for that may not be writable. Events held only to be decoded
   * do not block anything else: outputs whose schema is registered already still flow.
   */
  boolean outputsBlocked(long nowMs) {
    return nowMs < outputsBlockedUntilMs;
  }

  /** Admits a freshly read record. */
  void admit(PendingEntry raw, org.apache.kafka.common.header.Headers headers, long nowMs) {
    PendingEntry entry = intake.decode(raw, headers, reason -> registryDown(reason, nowMs));
    if (!gate.enter(entry)) {
      return;
    }
    settle(entry, proceed(entry, nowMs), nowMs);
  }

  /** Routes an API answer for one member of a batch. */
  void answered(
      GroupKey group,
      BatchMember member,
      MappedAnswer answer,
      Double creditsShare,
      int calls,
      long nowMs) {
    if (live.wanted(group, answer)) {
      toLive(group, member.entry(), nowMs);
      return;
    }
    Result result =
        router.answer(
            input(member.entry()),
            answer,
            member.identifier().minSimilarityScore(),
            creditsShare,
            calls,
            source(group),
            nowMs);
    if (result == Result.REGISTRY_UNAVAILABLE) {
      // Paid for, but not writable yet: the cached answer serves it once the registry is back.
      assembler.returned(group, member.entry());
      outputFailed(nowMs);
    } else {
      finished(group, member.entry(), nowMs);
    }
  }

  /** Dead-letters one member of a batch that failed for good. */
  void failed(
      GroupKey group,
      BatchMember member,
      Verdict verdict,
      Integer httpStatus,
      int calls,
      long nowMs) {
    PendingEntry entry = member.entry();
    if (deadLetter(entry, verdict, httpStatus, calls, nowMs) == Result.REGISTRY_UNAVAILABLE) {
      buffer.remove(group, entry.offset());
      assembler.finished(group, entry.offset());
      registry.hold(entry.decoded(entry.event(), null, verdict));
      outputFailed(nowMs);
    } else {
      finished(group, entry, nowMs);
    }
  }

  /** Answers a pending entry whose identifier has a fresh cached answer; false when blocked. */
  boolean answerFromCache(GroupKey group, BatchMember hit, long nowMs) {
    Optional<AnswerReuse.Reused> answer = reuse.get(group, hit.identifier().normalized(), nowMs);
    if (answer.isEmpty()) {
      return true;
    }
    if (live.wanted(group, answer.get().answer())) {
      toLive(group, hit.entry(), nowMs);
      return true;
    }
    Result result =
        router.answer(
            input(hit.entry()),
            answer.get().answer(),
            hit.identifier().minSimilarityScore(),
            0.0,
            0,
            source(group),
            nowMs);
    reused(group, answer.get(), result);
    return finishedWith(result, group, hit.entry(), nowMs);
  }

  /** Dead-letters a pending entry the current validation refuses; false when blocked. */
  boolean refuse(GroupKey group, PendingEntry entry, long nowMs) {
    Result result = deadLetter(entry, intake.refusal(entry), null, 0, nowMs);
    return finishedWith(result, group, entry, nowMs);
  }

  /**
   * Offers the events held for the registry again, when the backoff allows: called on the stream
   * thread's punctuation, so an outage of any length ends by itself.
   */
  void retryRegistry(long nowMs) {
    if (!registry.due(nowMs)) {
      return;
    }
    boolean wasFailing = registry.failing();
    if (registry.retry(nowMs, held -> retryHeld(held, nowMs))) {
      if (wasFailing) {
        log.info("Task {}: the schema registry answers again; held events continue", taskId);
      }
      outputsBlockedUntilMs = 0;
      activity.registryAvailable(taskId);
    }
  }

  private boolean retryHeld(PendingEntry held, long nowMs) {
    PendingEntry entry =
        held.awaitsRegistry()
            ? intake.decode(
                held, new RecordHeaders(), reason -> activity.registryUnavailable(taskId, reason))
            : held;
    Progress progress = proceed(entry, nowMs);
    if (progress == Progress.BLOCKED) {
      return false;
    }
    if (progress == Progress.FINISHED) {
      nextOfKey(entry.key(), nowMs);
    }
    return true;
  }

  /** Takes an entry that holds its key's turn as far as it can go now. */
  private Progress proceed(PendingEntry entry, long nowMs) {
    if (entry.awaitsRegistry()) {
      return Progress.BLOCKED;
    }
    if (entry.verdict() != null) {
      return deadLetter(entry, entry.verdict(), null, 0, nowMs) == Result.REGISTRY_UNAVAILABLE
          ? Progress.BLOCKED
          : Progress.FINISHED;
    }
    if (!(intake.validation(entry) instanceof Validation.Valid valid)) {
      return proceed(entry.decoded(entry.event(), null, intake.refusal(entry)), nowMs);
    }
    ValidIdentifier identifier = valid.identifier();
    GroupKey group = GroupKey.of(identifier);
    Optional<AnswerReuse.Reused> cached = reuse.get(group, identifier.normalized(), nowMs);
    if (cached.isPresent() && live.wanted(group, cached.get().answer())) {
      // A known index miss: its live answer, if known too, or a place in the live group.
      group = group.liveTwin();
      cached = reuse.get(group, identifier.normalized(), nowMs);
    }
    if (cached.isPresent() && !outputsBlocked(nowMs)) {
      // Answered before within the time-to-live: no request, no credits, nothing to keep.
      Result result =
          router.answer(
              input(entry),
              cached.get().answer(),
              identifier.minSimilarityScore(),
              0.0,
              0,
              source(group),
              nowMs);
      reused(group, cached.get(), result);
      if (result != Result.REGISTRY_UNAVAILABLE) {
        return Progress.FINISHED;
      }
      outputFailed(nowMs);
    }
    buffer.add(group, entry);
    assembler.added(group, entry);
    return Progress.PENDING;
  }

  /** Counts a reused answer that reached its output, and the credits it saved. */
  private void reused(GroupKey group, AnswerReuse.Reused reused, Result result) {
    if (result != Result.REGISTRY_UNAVAILABLE) {
      Endpoint endpoint = group.live() ? Endpoint.LIVE_ENRICH : Endpoint.ENRICH;
      int profiles = reused.answer().matches().size();
      metrics.recordReuseHit(
          reused.fromBook() ? "application" : "task",
          endpoint,
          profiles == 0 ? 0.0 : profiles * PriceList.perProfile(endpoint, group.fields()));
    }
  }

  private void settle(PendingEntry entry, Progress progress, long nowMs) {
    if (progress == Progress.BLOCKED) {
      registry.hold(entry);
    } else if (progress == Progress.FINISHED) {
      nextOfKey(entry.key(), nowMs);
    }
  }

  /**
   * Takes up an event the gate released when the task started (it is its key's head now, or
   * ordering is off).
   */
  void resume(PendingEntry released, long nowMs) {
    if (advance(released.withEnqueuedAt(nowMs), nowMs)) {
      nextOfKey(released.key(), nowMs);
    }
  }

  /** The key's head has its output: let the next parked events of the key through, in order. */
  private void nextOfKey(byte[] key, long nowMs) {
    Optional<PendingEntry> next;
    while ((next = gate.finish(key)).isPresent()) {
      if (!advance(next.get().withEnqueuedAt(nowMs), nowMs)) {
        return;
      }
    }
  }

  /** Takes a released head as far as it can go now; true when it finished (its key is free). */
  private boolean advance(PendingEntry entry, long nowMs) {
    Progress progress = proceed(entry, nowMs);
    if (progress == Progress.FINISHED) {
      return true;
    }
    settle(entry, progress, nowMs);
    return false;
  }

  private boolean finishedWith(Result result, GroupKey group, PendingEntry entry, long nowMs) {
    if (result == Result.REGISTRY_UNAVAILABLE) {
      outputFailed(nowMs);
      return false;
    }
    finished(group, entry, nowMs);
    return true;
  }

  /**
   * Live enrich refused the key (403): the fallback is off; the caller routes the refused batch's
   * events as the index answered them, unmatched.
   */
  void liveRefused(String message) {
    live.refused(message);
  }

  /**
   * An index miss goes on to live enrich: the entry moves to its group's live twin, where batching
   * (and the answer cache) take it from there. It keeps its key's turn: no output yet.
   */
  private void toLive(GroupKey group, PendingEntry entry, long nowMs) {
    buffer.remove(group, entry.offset());
    assembler.finished(group, entry.offset());
    PendingEntry moved = entry.withEnqueuedAt(nowMs);
    buffer.add(group.liveTwin(), moved);
    assembler.added(group.liveTwin(), moved);
    live.sending();
  }

  private static EnrichmentSource source(GroupKey group) {
    return group.live() ? EnrichmentSource.LIVE : EnrichmentSource.INDEX;
  }

  /** Removes an entry that has its output, and lets the next event of its key take its place. */
  private void finished(GroupKey group, PendingEntry entry, long nowMs) {
    buffer.remove(group, entry.offset());
    assembler.finished(group, entry.offset());
    nextOfKey(entry.key(), nowMs);
  }

  private Result deadLetter(
      PendingEntry entry, Verdict verdict, Integer httpStatus, int attempts, long nowMs) {
    return router.deadLetter(
        input(entry),
        verdict.reason(),
        verdict.errorClass(),
        verdict.message(),
        httpStatus,
        attempts,
        nowMs);
  }

  private void outputFailed(long nowMs) {
    registryDown(OUTPUT_SCHEMA, nowMs);
    outputsBlockedUntilMs = registry.nextAttemptAtMs();
  }

  private void registryDown(String reason, long nowMs) {
    registry.failed(nowMs);
    activity.registryUnavailable(taskId, reason);
  }

  private static InputEvent input(PendingEntry entry) {
    return new InputEvent(entry.source(), entry.event(), entry.rawValue(), entry.eventTimeMs());
  }
}
