package io.personenricher.batching;

import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.routing.IdentifierValidator;
import io.personenricher.routing.MatchDecision;
import io.personenricher.routing.OutputRecords;
import io.personenricher.routing.RecordSource;
import io.personenricher.routing.ResponseAlignment;
import io.personenricher.routing.ValidIdentifier;
import io.personenricher.routing.Validation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns identifier events into API batches and API answers back into one output record per event.
 *
 * <p>Each input event is decoded and validated, then kept in the pending store until its output is
 * forwarded; invalid events become dead letters at once. Events of one group (kind + request
 * options) are sent together, up to the batch size, once the batch is full or its oldest event has
 * lingered, and only when the client has quota. Answers are split back by position (checked against
 * {@code matched_on}) and routed to the enriched, unmatched or dead-letter sink. The entry leaves
 * the store in the same transaction that forwards its output, which, with exactly-once processing,
 * makes "one output per input" hold across crashes and rebalances: what was in flight when a task
 * moved is simply sent again by the new owner.
 *
 * <p>Errors: a 400 for a batch is bisected until the offending identifier is alone, then
 * dead-lettered; retriable failures back off with jitter until {@link BatchSettings#maxAttempts()}
 * or the retry deadline; a fatal answer (401/402/403) halts the client, and the batch waits,
 * pending, until the client clears.
 *
 * <p>Threading notes: Kafka Streams calls {@link #process}, the punctuator and {@link #close} on
 * the task's stream thread, and only that thread touches the stores, the in-memory batch
 * bookkeeping, or forwards. The client completes its futures on I/O threads; those callbacks only
 * put a {@link Completion} into the bounded {@code completions} queue (capacity = the in-flight
 * bound, so an offer never fails), which the stream thread drains.
 */
public final class EnrichmentProcessor implements Processor<byte[], byte[], byte[], Object> {

  private static final Logger log = LoggerFactory.getLogger(EnrichmentProcessor.class);

  private final Deserializer<IdentifierEvent> decoder;
  private final EnrichClient client;
  private final BatchSettings settings;
  private final EnricherMetrics metrics;
  private final ProcessorActivity activity;
  private final OutputNodes outputs;
  private final IdentifierValidator validator;
  private final RetryPolicy retryPolicy;
  private final BlockingQueue<Completion> completions;

  private final Set<Long> reserved = new HashSet<>();

  /**
   * Group + identifier of every batch item not yet answered, so a twin waits for its answer instead
   * of paying.
   */
  private final Set<String> activeIdentifiers = new HashSet<>();

  private final Map<GroupKey, Integer> reservedPerGroup = new HashMap<>();

  /**
   * Per group, the earliest wall-clock time a partial batch can be due (its oldest entry's linger
   * end). Until then a group that cannot fill a batch is not scanned, so admitting a record costs
   * no store scan.
   */
  private final Map<GroupKey, Long> nextScanAt = new HashMap<>();

  /**
   * Per group, the input offset the next batch scan starts from: every unreserved entry of the
   * group is at or after it, so a scan never re-walks handed-out entries or the tombstones answered
   * ones left behind.
   */
  private final Map<GroupKey, Long> scanFrom = new HashMap<>();

  private final PriorityQueue<Batch> waiting =
      new PriorityQueue<>(
          Comparator.comparingLong(Batch::notBeforeMs).thenComparingLong(Batch::id));

  private ProcessorContext<byte[], Object> context;
  private PendingBuffer buffer;
  private AnswerCache cache;
  private String taskId;
  private int inFlight;
  private long nextBatchId;
  private long blockedSincePunctuateNanos;
  private long reportedPending;
  private boolean haltLogged;
  private volatile boolean closed;

  public EnrichmentProcessor(
      Deserializer<IdentifierEvent> decoder,
      EnrichClient client,
      BatchSettings settings,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      OutputNodes outputs,
      RandomGenerator random) {
    this.decoder = decoder;
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    this.activity = activity;
    this.outputs = outputs;
    this.validator = new IdentifierValidator(settings.defaultMinConfidence());
    this.retryPolicy = new RetryPolicy(settings, random);
    this.completions = new ArrayBlockingQueue<>(settings.maxInFlightPerTask());
  }

  @Override
  public void init(ProcessorContext<byte[], Object> context) {
    this.context = context;
    this.taskId = context.taskId().toString();
    this.buffer =
        new PendingBuffer(
            context.getStateStore(StoreNames.PENDING),
            context.getStateStore(StoreNames.PARKED),
            context.getStateStore(StoreNames.KEY_HEADS),
            new PendingEntryCodec());
    buffer.recount();
    cache = new AnswerCache(context.getStateStore(StoreNames.ANSWERS), settings.answerCacheTtl());
    reportPending();
    if (buffer.size() > 0) {
      log.info("Task {} resumes {} pending events left by a previous owner", taskId, buffer.size());
    }
    context.schedule(
        settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> punctuate());
    if (cache.enabled()) {
      Duration sweepEvery =
          Duration.ofMillis(Math.max(settings.answerCacheTtl().toMillis() / 4, 1_000));
      context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, now -> cache.sweep(now));
    }
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("input record without metadata"));
    metrics.recordIn(metadata.topic());
    admit(toEntry(record, metadata), context.currentSystemTimeMs());
    pump();
    applyBackPressure();
  }

  private void punctuate() {
    blockedSincePunctuateNanos = 0;
    pump();
  }

  @Override
  public void close() {
    closed = true;
    activity.pendingChanged(-reportedPending);
    metrics.pendingEntries(taskId, 0);
    if (inFlight > 0) {
      log.info(
          "Task {} closes with {} API requests in flight; their events stay pending for the next owner",
          taskId,
          inFlight);
    }
  }

  // --- admission
  // -------------------------------------------------------------------------------------------

  private PendingEntry toEntry(Record<byte[], byte[]> record, RecordMetadata metadata) {
    long now = context.currentSystemTimeMs();
    IdentifierEvent event = null;
    Verdict verdict = null;
    byte[] raw = null;
    if (record.value() == null) {
      verdict =
          new Verdict(
              DeadLetterReason.INVALID_EVENT, "null_value", "the record has no value (tombstone)");
    } else {
      try {
        event = decoder.deserialize(metadata.topic(), record.headers(), record.value());
      } catch (RuntimeException e) {
        if (isTransient(e)) {
          // The registry is unreachable: not the record's fault. Failing the task re-reads the
          // record later.
          throw new StreamsException("cannot decode input: schema registry unavailable", e);
        }
        raw = record.value();
        verdict = new Verdict(DeadLetterReason.UNDECODABLE, "undecodable", describe(e));
      }
      if (event == null && verdict == null) {
        verdict =
            new Verdict(DeadLetterReason.INVALID_EVENT, "null_value", "the value decodes to null");
      }
    }
    if (event != null && validator.validate(event) instanceof Validation.Invalid invalid) {
      verdict =
          new Verdict(DeadLetterReason.INVALID_EVENT, invalid.errorClass(), invalid.message());
    }
    return new PendingEntry(
        metadata.topic(),
        metadata.partition(),
        metadata.offset(),
        record.key(),
        event,
        raw,
        verdict,
        record.timestamp(),
        now);
  }

  private void admit(PendingEntry entry, long now) {
    boolean ordered = settings.preserveKeyOrder() && entry.key() != null;
    if (ordered && buffer.hasHead(entry.key())) {
      buffer.park(entry);
      return;
    }
    if (entry.verdict() != null) {
      emitDeadLetter(entry, entry.verdict(), null, 0);
      return;
    }
    ValidIdentifier identifier = identifierOf(entry);
    GroupKey group = GroupKey.of(identifier);
    Optional<EnrichEntry> cached = cache.get(group, identifier.normalized(), now);
    if (cached.isPresent()) {
      // Answered before within the cache's time-to-live: no request, no credits, nothing to keep.
      emitAnswer(
          new BatchMember(entry, identifier), cached.get(), 0.0, 0, Instant.ofEpochMilli(now));
      return;
    }
    if (ordered) {
      buffer.markHead(entry.key(), entry.offset());
    }
    buffer.add(group, entry);
  }

  private ValidIdentifier identifierOf(PendingEntry entry) {
    if (validator.validate(entry.event()) instanceof Validation.Valid valid) {
      return valid.identifier();
    }
    throw new IllegalStateException("pending entry at offset " + entry.offset() + " is not valid");
  }

  // --- the pump: completions in, batches out
  // --------------------------------------------------------------

  private void pump() {
    // Loop because handling answers frees capacity and sending may complete at once (a cached or
    // failed call).
    boolean handled = true;
    while (handled) {
      handled = false;
      Completion completion;
      while ((completion = completions.poll()) != null) {
        handle(completion);
        handled = true;
      }
      dispatch();
      handled |= !completions.isEmpty();
    }
    reportPending();
  }

  private void dispatch() {
    long now = context.currentSystemTimeMs();
    while (!waiting.isEmpty()
        && waiting.peek().notBeforeMs() <= now
        && inFlight < settings.maxInFlightPerTask()
        && client.delayUntilNextPermit().isZero()) {
      send(waiting.poll(), FlushReason.RETRY, now);
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (GroupKey group : List.copyOf(buffer.groups())) {
        if (inFlight + waiting.size() >= settings.maxInFlightPerTask()
            || !client.delayUntilNextPermit().isZero()) {
          return;
        }
        progress |= tryDispatch(group, now);
      }
    }
  }

  /**
   * Answers the group's cached identifiers and sends one batch if one is ready; true if anything
   * happened.
   */
  private boolean tryDispatch(GroupKey group, long now) {
    long eligible = buffer.count(group) - reservedPerGroup.getOrDefault(group, 0);
    if (eligible <= 0) {
      return false;
    }
    if (eligible < settings.maxBatchSize()
        && !activity.draining()
        && now < nextScanAt.getOrDefault(group, Long.MIN_VALUE)) {
      return false;
    }
    List<BatchMember> cachedHits = new ArrayList<>();
    Assembly assembly = assemble(group, now, cachedHits);
    List<BatchItem> items = assembly.items();
    answerFromCache(group, cachedHits, now);
    if (items.isEmpty()) {
      // Only twins of in-flight identifiers: their answer resets the scan time (see onSuccess).
      nextScanAt.put(group, now + settings.linger().toMillis());
      return !cachedHits.isEmpty();
    }
    long oldest =
        items.stream()
            .flatMap(item -> item.members().stream())
            .mapToLong(member -> member.entry().enqueuedAtMs())
            .min()
            .orElse(now);
    FlushReason reason;
    if (items.size() >= settings.maxBatchSize()) {
      reason = FlushReason.SIZE;
    } else if (now - oldest >= settings.linger().toMillis()) {
      reason = FlushReason.LINGER;
    } else if (activity.draining()) {
      reason = FlushReason.SHUTDOWN;
    } else {
      nextScanAt.put(group, oldest + settings.linger().toMillis());
      return !cachedHits.isEmpty();
    }
    nextScanAt.remove(group);
    scanFrom.put(group, assembly.resumeAt());
    Batch batch = new Batch(nextBatchId++, group, items, 0, 0, 0, null, now);
    for (BatchItem item : batch.items()) {
      activeIdentifiers.add(activeKey(group, item.normalized()));
      item.members().forEach(this::reserve);
    }
    send(batch, reason, now);
    return true;
  }

  /**
   * Collects up to the batch size of distinct identifiers from the group's unreserved entries, in
   * input order. An identifier already in the batch absorbs its duplicates, so it is paid for once;
   * one with a fresh cached answer goes to {@code cachedHits}; one whose twin is still waiting for
   * its answer is left for that answer.
   */
  private Assembly assemble(GroupKey group, long now, List<BatchMember> cachedHits) {
    Map<String, List<BatchMember>> byIdentifier = new LinkedHashMap<>();
    Map<String, String> sentValues = new HashMap<>();
    long[] leftBehind = {-1};
    long[] lastSeen = {-1};
    buffer.scan(
        group,
        scanFrom.getOrDefault(group, 0L),
        entry -> {
          lastSeen[0] = entry.offset();
          if (reserved.contains(entry.offset())) {
            return true;
          }
          ValidIdentifier identifier = identifierOf(entry);
          if (cache.enabled()
              && activeIdentifiers.contains(activeKey(group, identifier.normalized()))) {
            leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
            return true;
          }
          if (cache.enabled() && cache.get(group, identifier.normalized(), now).isPresent()) {
            cachedHits.add(new BatchMember(entry, identifier));
            return true;
          }
          List<BatchMember> members = byIdentifier.get(identifier.normalized());
          if (members == null) {
            if (byIdentifier.size() >= settings.maxBatchSize()) {
              leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
              return false;
            }
            members = new ArrayList<>();
            byIdentifier.put(identifier.normalized(), members);
            sentValues.put(identifier.normalized(), identifier.value());
          }
          members.add(new BatchMember(entry, identifier));
          return true;
        });
    List<BatchItem> items = new ArrayList<>(byIdentifier.size());
    byIdentifier.forEach(
        (normalized, members) ->
            items.add(new BatchItem(sentValues.get(normalized), normalized, members)));
    long resumeAt = leftBehind[0] >= 0 ? leftBehind[0] : lastSeen[0] + 1;
    return new Assembly(items, lastSeen[0] < 0 ? scanFrom.getOrDefault(group, 0L) : resumeAt);
  }

  /**
   * A batch in the making and where the group's next scan may start once it is sent: the first
   * entry left behind (a twin waiting for its answer, or the one that did not fit), else just past
   * the last entry seen.
   */
  private record Assembly(List<BatchItem> items, long resumeAt) {}

  private void answerFromCache(GroupKey group, List<BatchMember> hits, long now) {
    Instant at = Instant.ofEpochMilli(now);
    for (BatchMember member : hits) {
      EnrichEntry answer = cache.get(group, member.identifier().normalized(), now).orElseThrow();
      emitAnswer(member, answer, 0.0, 0, at);
      finish(group, member.entry(), now);
    }
  }

  private static String activeKey(GroupKey group, String normalized) {
    return group.encode() + '\u0000' + normalized;
  }

  private void send(Batch batch, FlushReason reason, long now) {
    Batch sent = batch.sent(now);
    CompletionStage<EnrichOutcome> call = client.enrich(sent.request());
    inFlight++;
    activity.requestStarted();
    metrics.recordBatch(sent.items().size(), sent.events(), reason);
    metrics.recordBatchWait(
        Duration.ofMillis(
            now
                - sent.items().stream()
                    .flatMap(i -> i.members().stream())
                    .mapToLong(m -> m.entry().enqueuedAtMs())
                    .min()
                    .orElse(now)));
    call.whenComplete(
        (outcome, error) -> {
          activity.requestFinished();
          if (closed) {
            return;
          }
          EnrichOutcome result =
              outcome != null
                  ? outcome
                  : new EnrichOutcome.Retriable(
                      EnrichOutcome.RetryReason.CONNECTION_FAILED, null, describe(error), null);
          if (!completions.offer(new Completion(sent, result))) {
            // Cannot happen while in-flight requests never exceed the queue's capacity; if it ever
            // does, the
            // events stay pending and are re-sent by the next owner of the task.
            log.error(
                "Task {}: no room for the answer of batch {}; its events wait for a restart",
                taskId,
                sent.id());
          }
        });
  }

  // --- outcomes
  // --------------------------------------------------------------------------------------------

  private void handle(Completion completion) {
    inFlight--;
    Batch batch = completion.batch();
    long now = context.currentSystemTimeMs();
    EnrichOutcome outcome = completion.outcome();
    if (outcome instanceof EnrichOutcome.Success success) {
      onSuccess(batch, success, now);
    } else if (outcome instanceof EnrichOutcome.Rejected rejected) {
      onRejected(batch, rejected, now);
    } else if (outcome instanceof EnrichOutcome.Retriable retriable) {
      onRetriable(batch, retriable, now);
    } else if (outcome instanceof EnrichOutcome.Fatal fatal) {
      onFatal(batch, fatal, now);
    }
  }

  private void onSuccess(Batch batch, EnrichOutcome.Success success, long now) {
    List<String> sent = batch.items().stream().map(BatchItem::sentValue).toList();
    Optional<String> misaligned =
        ResponseAlignment.misalignment(batch.group().kind(), sent, success.entries());
    if (misaligned.isPresent()) {
      onRetriable(
          batch,
          new EnrichOutcome.Retriable(
              EnrichOutcome.RetryReason.PROTOCOL_ERROR,
              success.httpStatus(),
              misaligned.get(),
              null),
          now);
      return;
    }
    if (haltLogged && client.haltReason().isEmpty()) {
      haltLogged = false;
      log.info("Task {}: the API accepts requests again; sending the pending events", taskId);
    }
    // Twins of these identifiers may be waiting for this answer.
    nextScanAt.remove(batch.group());
    int totalMatches = success.entries().stream().mapToInt(entry -> entry.matches().size()).sum();
    Instant at = Instant.ofEpochMilli(now);
    for (int i = 0; i < batch.items().size(); i++) {
      BatchItem item = batch.items().get(i);
      EnrichEntry answer = success.entries().get(i);
      Double share =
          success.creditsUsed() == null || totalMatches == 0
              ? (success.creditsUsed() == null ? null : 0.0)
              : success.creditsUsed()
                  * answer.matches().size()
                  / totalMatches
                  / item.members().size();
      cache.put(batch.group(), item.normalized(), answer, now);
      activeIdentifiers.remove(activeKey(batch.group(), item.normalized()));
      for (BatchMember member : item.members()) {
        emitAnswer(member, answer, share, batch.calls(), at);
        finish(batch.group(), member.entry(), now);
      }
    }
  }

  private void emitAnswer(
      BatchMember member, EnrichEntry answer, Double creditsShare, int calls, Instant at) {
    PendingEntry entry = member.entry();
    Double threshold = member.identifier().minSimilarityScore();
    MatchDecision decision = MatchDecision.decide(answer, threshold);
    if (decision instanceof MatchDecision.Matched matched) {
      forward(
          entry,
          OutputRecords.enriched(entry.event(), answer, matched, creditsShare, calls, at),
          outputs.enrichedNode(),
          outputs.enrichedTopic(),
          Route.ENRICHED);
    } else {
      forward(
          entry,
          OutputRecords.unmatched(entry.event(), answer, decision, threshold, at),
          outputs.unmatchedNode(),
          outputs.unmatchedTopic(),
          Route.UNMATCHED);
    }
  }

  private void onRejected(Batch batch, EnrichOutcome.Rejected rejected, long now) {
    if (batch.items().size() > 1) {
      // One malformed identifier fails the whole request: halve until it stands alone.
      int half = batch.items().size() / 2;
      waiting.add(
          batch.part(nextBatchId++, batch.items().subList(0, half), rejected.httpStatus(), now));
      waiting.add(
          batch.part(
              nextBatchId++,
              batch.items().subList(half, batch.items().size()),
              rejected.httpStatus(),
              now));
      metrics.recordRetry("bisect");
      return;
    }
    String errorClass = rejected.errorType() == null ? "invalid_request" : rejected.errorType();
    Verdict verdict =
        new Verdict(
            DeadLetterReason.REJECTED_BY_API,
            errorClass,
            "the API rejected the identifier: " + rejected.message());
    finishAll(batch, verdict, rejected.httpStatus(), now);
  }

  private void onRetriable(Batch batch, EnrichOutcome.Retriable retriable, long now) {
    Batch failed = batch.retryAt(now, retriable.httpStatus(), true);
    if (retryPolicy.exhausted(failed, now)) {
      Verdict verdict =
          new Verdict(
              DeadLetterReason.RETRIES_EXHAUSTED,
              retriable.reason().code(),
              "gave up after "
                  + failed.calls()
                  + " calls ("
                  + failed.failures()
                  + " retriable failures): "
                  + retriable.message());
      finishAll(failed, verdict, retriable.httpStatus(), now);
      return;
    }
    long notBefore = now + retryPolicy.backoffMs(failed.failures());
    if (retriable.notBefore() != null) {
      notBefore = Math.max(notBefore, retriable.notBefore().toEpochMilli());
    }
    waiting.add(failed.retryAt(notBefore, retriable.httpStatus(), false));
    metrics.recordRetry(retriable.reason().code());
  }

  private void onFatal(Batch batch, EnrichOutcome.Fatal fatal, long now) {
    if (!haltLogged) {
      haltLogged = true;
      log.error(
          "Task {}: the API client is halted ({}: {}); {} events stay pending and nothing is dead-lettered."
              + " Sending resumes by itself once a probe request succeeds. {}",
          taskId,
          fatal.reason(),
          fatal.message(),
          buffer.size(),
          remedy(fatal.reason()));
    }
    // Not a failure of these events: send them again once the client lets a request through. The
    // client's
    // permit delay paces the probes; the initial backoff only guards against a client that does
    // not.
    waiting.add(
        batch.retryAt(now + settings.initialBackoff().toMillis(), fatal.httpStatus(), false));
  }

  private static String remedy(HaltReason reason) {
    return switch (reason) {
      case INVALID_API_KEY -> "Fix: set a valid enricher.api.key (or ENRICHER_API_KEY).";
      case OUT_OF_CREDITS -> "Fix: add credits to the Crustdata account.";
      case NOT_PERMITTED -> "Fix: enable Person Enrich for the API key's plan.";
    };
  }

  // --- leaving the store
  // -----------------------------------------------------------------------------------

  private void finishAll(Batch batch, Verdict verdict, Integer httpStatus, long now) {
    nextScanAt.remove(batch.group());
    for (BatchItem item : batch.items()) {
      activeIdentifiers.remove(activeKey(batch.group(), item.normalized()));
      for (BatchMember member : item.members()) {
        emitDeadLetter(member.entry(), verdict, httpStatus, batch.calls());
        finish(batch.group(), member.entry(), now);
      }
    }
  }

  /** Removes an answered entry and lets the next event of its key take its place. */
  private void finish(GroupKey group, PendingEntry entry, long now) {
    buffer.remove(group, entry.offset());
    release(group, entry.offset());
    if (settings.preserveKeyOrder() && entry.key() != null) {
      advanceKey(entry.key(), now);
    }
  }

  private void advanceKey(byte[] key, long now) {
    while (true) {
      Optional<PendingEntry> next = buffer.unparkNext(key);
      if (next.isEmpty()) {
        buffer.clearHead(key);
        return;
      }
      PendingEntry entry = next.get();
      if (entry.verdict() != null) {
        emitDeadLetter(entry, entry.verdict(), null, 0);
        continue;
      }
      buffer.markHead(key, entry.offset());
      GroupKey group = GroupKey.of(identifierOf(entry));
      buffer.add(group, entry.withEnqueuedAt(now));
      // It keeps its original (older) offset, so the group's scan must start early enough to see
      // it.
      scanFrom.computeIfPresent(group, (g, from) -> Math.min(from, entry.offset()));
      return;
    }
  }

  private void reserve(BatchMember member) {
    reserved.add(member.entry().offset());
    reservedPerGroup.merge(GroupKey.of(member.identifier()), 1, Integer::sum);
  }

  private void release(GroupKey group, long offset) {
    if (reserved.remove(offset)) {
      reservedPerGroup.computeIfPresent(group, (g, n) -> n <= 1 ? null : n - 1);
    }
  }

  private void emitDeadLetter(
      PendingEntry entry, Verdict verdict, Integer httpStatus, int attempts) {
    RecordSource source =
        new RecordSource(entry.sourceTopic(), entry.partition(), entry.offset(), entry.key());
    forward(
        entry,
        OutputRecords.deadLetter(
            source,
            entry.event(),
            entry.rawValue(),
            verdict.reason(),
            verdict.errorClass(),
            verdict.message(),
            httpStatus,
            attempts,
            Instant.ofEpochMilli(context.currentSystemTimeMs())),
        outputs.deadLetterNode(),
        outputs.deadLetterTopic(),
        Route.DEAD_LETTER);
    metrics.recordDeadLetter(verdict.errorClass());
    metrics.recordDeadLetterSample(
        verdict.reason().name(),
        verdict.errorClass(),
        entry.key(),
        entry.event() == null ? null : entry.event().getIdentifier());
  }

  private void forward(PendingEntry entry, Object value, String node, String topic, Route route) {
    long now = context.currentSystemTimeMs();
    context.forward(new Record<>(entry.key(), value, now), node);
    metrics.recordOut(route, topic, Duration.ofMillis(Math.max(0, now - entry.eventTimeMs())));
  }

  // --- back-pressure
  // ---------------------------------------------------------------------------------------

  /**
   * Slows intake while the pending store is over its bound by waiting for answers on the stream
   * thread. The wait is capped per punctuation cycle (the cycle in which Kafka Streams also commits
   * and polls), so neither {@code max.poll.interval.ms} nor the transaction timeout can run out,
   * whatever the API does.
   */
  private void applyBackPressure() {
    if (buffer.size() < settings.maxPendingPerTask()) {
      return;
    }
    long budget = settings.maxBlock().toNanos() - blockedSincePunctuateNanos;
    long start = System.nanoTime();
    try {
      while (buffer.size() >= settings.maxPendingPerTask()) {
        long remaining = budget - (System.nanoTime() - start);
        if (remaining <= 0) {
          break;
        }
        Completion completion =
            completions.poll(
                Math.min(remaining, settings.punctuateInterval().toNanos()), TimeUnit.NANOSECONDS);
        if (completion != null) {
          handle(completion);
        }
        pump();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      blockedSincePunctuateNanos += System.nanoTime() - start;
    }
  }

  private void reportPending() {
    long size = buffer.size();
    if (size != reportedPending) {
      activity.pendingChanged(size - reportedPending);
      reportedPending = size;
      metrics.pendingEntries(taskId, size);
    }
  }

  private static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    StringBuilder text =
        new StringBuilder(error.getClass().getSimpleName() + ": " + error.getMessage());
    for (Throwable cause = error.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      text.append("; caused by ")
          .append(cause.getClass().getSimpleName())
          .append(": ")
          .append(cause.getMessage());
    }
    return text.toString();
  }
}
