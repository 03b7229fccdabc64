package io.personenricher.batching;

import io.personenricher.client.EnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Sends batches while the task has room and the client a permit: due retries first (they hold the
 * oldest work), then the next group the {@link DispatchPolicy} names, assembled by the {@link
 * BatchAssembler}. A batch is assembled only once a permit is free, so it keeps filling while it
 * waits.
 *
 * <p>Bounds: at most {@link BatchSettings#maxInFlightPerTask()} calls in flight, and no new batch
 * while in-flight plus waiting retries reach it.
 *
 * <p>Threading notes: stream thread only.
 */
final class BatchDispatcher {

  private final EnrichClient client;
  private final BatchSettings settings;
  private final DispatchPolicy policy;
  private final BatchAssembler assembler;
  private final AnswerCache cache;
  private final EventFlow flow;
  private final InFlightTable inFlight;
  private final RetryQueue retries;
  private final ProcessorActivity activity;
  private final EnricherMetrics metrics;
  private final LongSupplier batchIds;

  BatchDispatcher(
      EnrichClient client,
      BatchSettings settings,
      BatchAssembler assembler,
      AnswerCache cache,
      EventFlow flow,
      InFlightTable inFlight,
      RetryQueue retries,
      ProcessorActivity activity,
      EnricherMetrics metrics,
      LongSupplier batchIds) {
    this.client = client;
    this.settings = settings;
    this.policy = new DispatchPolicy(settings.maxBatchSize(), settings.linger().toMillis());
    this.assembler = assembler;
    this.cache = cache;
    this.flow = flow;
    this.inFlight = inFlight;
    this.retries = retries;
    this.activity = activity;
    this.metrics = metrics;
    this.batchIds = batchIds;
  }

  void dispatch(long nowMs) {
    if (flow.outputsBlocked(nowMs)) {
      // An answer could not be written now; spend no permit on one.
      return;
    }
    while (inFlight.hasRoom() && permitFree()) {
      Batch due = retries.pollDue(nowMs);
      if (due == null) {
        break;
      }
      send(due, FlushReason.RETRY, nowMs);
    }
    // Each group at most once per call unless it sent something: a scan that finds nothing to
    // send must not be repeated in the same pass, whatever the policy says.
    Set<GroupKey> scannedIdle = new HashSet<>();
    while (inFlight.size() + retries.size() < settings.maxInFlightPerTask() && permitFree()) {
      List<GroupView> views = assembler.views();
      views.removeIf(view -> scannedIdle.contains(view.group()));
      Optional<GroupView> next = policy.next(views, nowMs, activity.draining());
      if (next.isEmpty()) {
        return;
      }
      GroupKey group = next.get().group();
      Scan scan = tryGroup(group, nowMs);
      if (scan == Scan.BLOCKED) {
        return;
      }
      if (scan == Scan.IDLE) {
        scannedIdle.add(group);
      }
    }
  }

  /** What one scan of a group came to. */
  private enum Scan {
    /** A batch went out, or entries were answered from the cache. */
    PROGRESS,
    /** Nothing to do in this group for now. */
    IDLE,
    /** An output could not be written (registry): stop dispatching. */
    BLOCKED
  }

  /** Scans one group and sends its batch if one is due. */
  private Scan tryGroup(GroupKey group, long nowMs) {
    Assembly assembly = assembler.assemble(group, nowMs, cache::get);
    for (PendingEntry invalid : assembly.invalid()) {
      if (!flow.refuse(group, invalid, nowMs)) {
        return Scan.BLOCKED;
      }
    }
    for (BatchMember hit : assembly.cachedHits()) {
      if (!flow.answerFromCache(group, hit, nowMs)) {
        return Scan.BLOCKED;
      }
    }
    boolean answered = !assembly.invalid().isEmpty() || !assembly.cachedHits().isEmpty();
    if (assembly.items().isEmpty()) {
      // Only twins of identifiers in flight are left: their answer makes the group scannable.
      assembler.deferScan(group, policy.dueAtMs(nowMs, nowMs), assembly);
      return answered ? Scan.PROGRESS : Scan.IDLE;
    }
    Optional<FlushReason> reason =
        policy.flushReason(
            assembly.items().size(), assembly.oldestMs(), nowMs, activity.draining());
    if (reason.isEmpty()) {
      assembler.deferScan(group, policy.dueAtMs(assembly.oldestMs(), nowMs), assembly);
      return answered ? Scan.PROGRESS : Scan.IDLE;
    }
    Batch batch = Batch.fresh(batchIds.getAsLong(), group, assembly.items());
    assembler.reserve(batch, assembly);
    send(batch, reason.get(), nowMs);
    return Scan.PROGRESS;
  }

  private boolean permitFree() {
    return client.delayUntilNextPermit().isZero();
  }

  private void send(Batch batch, FlushReason reason, long nowMs) {
    inFlight.launch(batch, client.enrich(batch.request()), nowMs);
    metrics.recordBatch(batch.items().size(), batch.events(), reason);
    long oldest =
        batch.items().stream()
            .flatMap(item -> item.members().stream())
            .mapToLong(member -> member.entry().enqueuedAtMs())
            .min()
            .orElse(nowMs);
    metrics.recordBatchWait(Duration.ofMillis(Math.max(0, nowMs - oldest)));
  }
}
