package io.personenricher.batching;

import io.personenricher.client.EnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.quota.Demand;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.PermitBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Sends batches on the permits the {@link PermitBroker} grants: the task offers its demand per
 * endpoint ({@link DispatchPolicy#demand}), and each permit it gets goes to a due retry of that
 * endpoint, else to the best group the policy picks, assembled by the {@link BatchAssembler} only
 * then, so a batch keeps filling until the moment it goes.
 *
 * <p>With application-wide reuse, groups are scanned for claims ahead of the permits ({@link
 * BatchAssembler#claimScansDue}): the free identifiers are claimed, entries answered in the book
 * meanwhile are answered, and only entries whose claim is confirmed count as demand. Batches
 * waiting to be sent again keep their claims alive ({@link HeldClaims}).
 *
 * <p>Bounds: at most {@link BatchSettings#maxInFlightPerTask()} calls in flight, and no new batch
 * while in-flight plus waiting retries reach it; a task without room offers no demand, so no permit
 * is spent on it.
 *
 * <p>Threading notes: stream thread only.
 */
final class BatchDispatcher {

  private final String taskId;
  private final EnrichClient client;
  private final PermitBroker permits;
  private final BatchSettings settings;
  private final DispatchPolicy policy;
  private final BatchAssembler assembler;
  private final AnswerReuse reuse;
  private final EventFlow flow;
  private final InFlightTable inFlight;
  private final RetryQueue retries;
  private final HeldClaims heldClaims;
  private final ProcessorActivity activity;
  private final IntakeStalls stalls;
  private final EnricherMetrics metrics;
  private final LongSupplier batchIds;
  private final Set<Endpoint> offered = EnumSet.noneOf(Endpoint.class);

  BatchDispatcher(
      String taskId,
      EnrichClient client,
      PermitBroker permits,
      BatchSettings settings,
      BatchAssembler assembler,
      AnswerReuse reuse,
      EventFlow flow,
      InFlightTable inFlight,
      RetryQueue retries,
      HeldClaims heldClaims,
      ProcessorActivity activity,
      IntakeStalls stalls,
      EnricherMetrics metrics,
      LongSupplier batchIds) {
    this.taskId = taskId;
    this.client = client;
    this.permits = permits;
    this.settings = settings;
    this.policy =
        new DispatchPolicy(
            settings.maxBatchSize(), settings.linger().toMillis(), settings.maxWait().toMillis());
    this.assembler = assembler;
    this.reuse = reuse;
    this.flow = flow;
    this.inFlight = inFlight;
    this.retries = retries;
    this.heldClaims = heldClaims;
    this.activity = activity;
    this.stalls = stalls;
    this.metrics = metrics;
    this.batchIds = batchIds;
  }

  void dispatch(long nowMs) {
    if (offered.isEmpty() && retries.size() == 0 && !assembler.anyUnreserved()) {
      // Nothing to scan, send or withdraw: every cache hit passes here, so it must cost nothing
      // (no lock in the client, no call to the permit broker).
      return;
    }
    if (reuse.claims() && !flow.outputsBlocked(nowMs)) {
      int renewed = heldClaims.renew(retries.waiting(), nowMs, reuse::claim);
      if (renewed > 0) {
        metrics.recordClaims(renewed, 0);
      }
      for (GroupKey group : assembler.claimScansDue(nowMs)) {
        Assembly assembly = assembler.assemble(group, nowMs, reuse::standing);
        if (!settle(group, assembly, nowMs)) {
          break;
        }
        if (assembly.items().isEmpty()) {
          assembler.deferScan(group, policy.rescanAtMs(nowMs), assembly);
        }
      }
    }
    boolean canSend =
        !flow.outputsBlocked(nowMs) && client.delayUntilNextPermit().isZero() && inFlight.hasRoom();
    Map<Endpoint, List<GroupView>> groups = new EnumMap<>(Endpoint.class);
    for (GroupView view : assembler.views()) {
      groups.computeIfAbsent(endpointOf(view.group()), e -> new ArrayList<>()).add(view);
    }
    // Endpoints offered before are offered again, if only to withdraw what is no longer there.
    Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
    endpoints.addAll(offered);
    endpoints.addAll(groups.keySet());
    for (Batch retry : retries.due(nowMs, batch -> true)) {
      endpoints.add(endpointOf(retry.group()));
    }
    for (Endpoint endpoint : endpoints) {
      List<GroupView> ofEndpoint = groups.getOrDefault(endpoint, new ArrayList<>());
      while (true) {
        Demand demand = canSend ? demand(endpoint, ofEndpoint, nowMs) : Demand.NONE;
        Optional<Permit> permit = permits.offer(endpoint, taskId, demand, nowMs);
        if (demand.isEmpty()) {
          offered.remove(endpoint);
        } else {
          offered.add(endpoint);
        }
        if (permit.isEmpty() || !use(endpoint, permit.get(), nowMs)) {
          break;
        }
        ofEndpoint = viewsOf(endpoint);
        canSend = !flow.outputsBlocked(nowMs) && inFlight.hasRoom();
      }
    }
  }

  /** What this task could send to the endpoint now, within its bounds. */
  private Demand demand(Endpoint endpoint, List<GroupView> groups, long nowMs) {
    List<Batch> due = retries.due(nowMs, batch -> endpointOf(batch.group()) == endpoint);
    long oldestRetry = due.stream().mapToLong(this::oldestEnqueuedAt).min().orElse(Long.MAX_VALUE);
    boolean roomForNew = inFlight.size() + retries.size() < settings.maxInFlightPerTask();
    Demand demand =
        policy.demand(
            roomForNew ? groups : List.of(),
            due.size(),
            oldestRetry,
            nowMs,
            stalls::lingerFromMs,
            activity.draining());
    // Never ask for more permits than the task could use now: a permit claimed for a batch that
    // cannot go is a permit lost to every instance.
    int room = Math.max(0, settings.maxInFlightPerTask() - inFlight.size());
    int full = Math.min(demand.fullBatches(), room);
    int duePartials = Math.min(demand.duePartials(), room - full);
    return new Demand(full, duePartials, demand.lingeringPartials(), demand.oldestMs());
  }

  /** Spends a permit; false when nothing could be sent on it (the permit goes unused). */
  private boolean use(Endpoint endpoint, Permit permit, long nowMs) {
    Batch retry = retries.pollDue(nowMs, batch -> endpointOf(batch.group()) == endpoint);
    if (retry != null) {
      send(retry, permit, FlushReason.RETRY, nowMs);
      return true;
    }
    Set<GroupKey> scannedIdle = new java.util.HashSet<>();
    while (inFlight.size() + retries.size() < settings.maxInFlightPerTask()) {
      List<GroupView> views = viewsOf(endpoint);
      views.removeIf(view -> scannedIdle.contains(view.group()));
      Optional<GroupView> next =
          policy.pick(views, nowMs, stalls::lingerFromMs, activity.draining());
      if (next.isEmpty()) {
        return false;
      }
      GroupKey group = next.get().group();
      Assembly assembly = assembler.assemble(group, nowMs, reuse::standing);
      if (!settle(group, assembly, nowMs)) {
        return false;
      }
      if (assembly.items().isEmpty()) {
        // Only twins of identifiers in flight are left: their answer makes the group scannable.
        assembler.deferScan(group, policy.rescanAtMs(nowMs), assembly);
        scannedIdle.add(group);
        continue;
      }
      Batch batch = Batch.fresh(batchIds.getAsLong(), group, assembly.items());
      assembler.reserve(batch, assembly);
      send(
          batch,
          permit,
          policy.reason(assembly.items().size(), assembly.oldestMs(), nowMs, activity.draining()),
          nowMs);
      return true;
    }
    return false;
  }

  /**
   * Does what a scan found besides the batch: dead-letters what the validation now refuses, answers
   * what has an answer, and writes the claims; false when an output is blocked.
   */
  private boolean settle(GroupKey group, Assembly assembly, long nowMs) {
    for (String normalized : assembly.claims()) {
      reuse.claim(group, normalized, nowMs);
    }
    metrics.recordClaims(assembly.claims().size(), assembly.waitingOnClaims());
    for (PendingEntry invalid : assembly.invalid()) {
      if (!flow.refuse(group, invalid, nowMs)) {
        return false;
      }
    }
    for (BatchMember hit : assembly.cachedHits()) {
      if (!flow.answerFromCache(group, hit, nowMs)) {
        return false;
      }
    }
    return true;
  }

  private List<GroupView> viewsOf(Endpoint endpoint) {
    List<GroupView> views = new ArrayList<>();
    for (GroupView view : assembler.views()) {
      if (endpointOf(view.group()) == endpoint) {
        views.add(view);
      }
    }
    return views;
  }

  private Endpoint endpointOf(GroupKey group) {
    return settings.endpoints().of(group);
  }

  private long oldestEnqueuedAt(Batch batch) {
    return batch.items().stream()
        .flatMap(item -> item.members().stream())
        .mapToLong(member -> member.entry().enqueuedAtMs())
        .min()
        .orElse(Long.MAX_VALUE);
  }

  private void send(Batch batch, Permit permit, FlushReason reason, long nowMs) {
    inFlight.launch(batch, client.enrich(batch.request(settings.endpoints()), permit), nowMs);
    metrics.recordBatch(batch.items().size(), batch.events(), reason);
    long oldest = Math.min(oldestEnqueuedAt(batch), nowMs);
    metrics.recordBatchWait(Duration.ofMillis(Math.max(0, nowMs - oldest)));
  }

  /** The task is closing: its offers no longer count. */
  void close() {
    permits.withdraw(taskId);
  }
}
