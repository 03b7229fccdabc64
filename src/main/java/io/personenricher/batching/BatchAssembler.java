package io.personenricher.batching;

import io.personenricher.intake.Validation;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseLookup.Standing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Assembles batches from the pending buffer: up to the batch size of distinct identifiers of one
 * group, in input order, each sent once however many events carry it.
 *
 * <p>Invariants, per group:
 *
 * <ul>
 *   <li>an entry is <em>reserved</em> from the moment its batch is dispatched until it leaves the
 *       buffer; a reserved entry is in exactly one batch (in flight or waiting to retry);
 *   <li>every unreserved entry sits at or after the group's scan cursor, so a scan never re-walks
 *       handed-out entries or the tombstones answered ones leave behind;
 *   <li>an identifier is <em>in flight</em> while a batch carrying it is unanswered; an unreserved
 *       twin of it is left behind by scans (it waits for that answer instead of paying again).
 * </ul>
 *
 * <p>With application-wide reuse, an identifier goes into a batch only once this task's claim on it
 * is what the answer book holds ({@link ReuseLookup.Mine}). A scan lists the free identifiers to
 * claim (at most {@code claimAhead} per group claimed and not yet sent, so claims stay proportional
 * to what is sent, not to the backlog), and claims to renew (those ending within half the lease);
 * it leaves behind the entries waiting on a claim (this task's, not yet confirmed, or another
 * task's, whose answer will come through the book) and the group is scanned again after {@code
 * recheckMs}.
 *
 * <p>Threading notes: stream thread only.
 */
final class BatchAssembler {

  /** How an identifier stands in the answers this task may reuse. */
  @FunctionalInterface
  interface StandingLookup {
    Standing of(GroupKey group, String normalized, long nowMs);
  }

  /** When identifiers must be claimed first: how many ahead, for how long, how soon to recheck. */
  record ClaimRules(int claimAhead, long leaseMs, long recheckMs) {

    /** No claims: every identifier stands as this task's own. */
    static final ClaimRules NONE = new ClaimRules(Integer.MAX_VALUE, Long.MAX_VALUE, 1);
  }

  private static final class GroupState {
    long scanFrom;
    long reserved;
    long scanAtMs = Long.MIN_VALUE;
    long oldestMs = Long.MAX_VALUE;
    long newestMs = Long.MIN_VALUE;
    boolean awaitingAnswers;

    /** With claims: when the last claim scan ran ({@code MIN_VALUE}: one is due now). */
    long claimScanAtMs = Long.MIN_VALUE;

    /** With claims: the entries the last scan found ready to send (their claim confirmed). */
    long ready;

    /**
     * With claims: the entries the last scan found waiting for an answer this task will not ask for
     * (another task's claim, a twin in flight).
     */
    long answeredElsewhere;

    /** Identifiers this task claimed and has not sent yet, with when it claimed them. */
    final Map<String, Long> claimed = new HashMap<>();
  }

  private final PendingBuffer buffer;
  private final int maxBatchSize;
  private final Function<PendingEntry, Validation> identifierOf;
  private final ClaimRules rules;
  private final Map<GroupKey, GroupState> groups = new HashMap<>();
  private final Set<Long> reserved = new HashSet<>();
  private final Set<String> inFlight = new HashSet<>();

  /**
   * @param identifierOf the entry's validated identifier (validating once more only entries an
   *     older release stored without it, which a newer rule may now refuse)
   */
  BatchAssembler(
      PendingBuffer buffer, int maxBatchSize, Function<PendingEntry, Validation> identifierOf) {
    this(buffer, maxBatchSize, identifierOf, ClaimRules.NONE);
  }

  BatchAssembler(
      PendingBuffer buffer,
      int maxBatchSize,
      Function<PendingEntry, Validation> identifierOf,
      ClaimRules rules) {
    this.buffer = buffer;
    this.maxBatchSize = maxBatchSize;
    this.identifierOf = identifierOf;
    this.rules = rules;
  }

  /** An entry joined the buffer (admitted, released behind its key, or restored). */
  void added(GroupKey group, PendingEntry entry) {
    GroupState state = groups.get(group);
    if (state == null) {
      state = new GroupState();
      groups.put(group, state);
      if (buffer.count(group) == 1) {
        // The group was empty: nothing before this entry is worth scanning (only tombstones).
        state.scanFrom = entry.offset();
      }
    }
    // A released entry keeps its original (older) offset: the cursor must not have passed it.
    state.scanFrom = Math.min(state.scanFrom, entry.offset());
    state.oldestMs = Math.min(state.oldestMs, entry.enqueuedAtMs());
    state.newestMs = Math.max(state.newestMs, entry.enqueuedAtMs());
    state.awaitingAnswers = false;
    if (unreserved(group) >= maxBatchSize) {
      state.scanAtMs = Long.MIN_VALUE;
    }
  }

  long unreserved(GroupKey group) {
    GroupState state = groups.get(group);
    return buffer.count(group) - (state == null ? 0 : state.reserved);
  }

  /**
   * Whether any group holds an entry no batch has reserved: without one there is nothing to send.
   */
  boolean anyUnreserved() {
    for (GroupKey group : buffer.groups()) {
      if (unreserved(group) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The groups with unreserved entries, as the dispatch policy sees them. With claims, only the
   * entries the last scan found ready to send count: the others wait on a claim, and a permit taken
   * for them would go unused.
   */
  List<GroupView> views() {
    List<GroupView> views = new ArrayList<>(buffer.groups().size());
    for (GroupKey group : buffer.groups()) {
      long unreserved = unreserved(group);
      if (unreserved > 0) {
        GroupState state = groups.computeIfAbsent(group, this::restored);
        views.add(
            new GroupView(
                group,
                rules == ClaimRules.NONE ? unreserved : Math.min(unreserved, state.ready),
                rules == ClaimRules.NONE ? 0 : coming(unreserved, state),
                state.scanAtMs,
                state.oldestMs,
                state.newestMs,
                state.awaitingAnswers));
      }
    }
    return views;
  }

  /** Unreserved entries not ready yet that this task will send (with claims). */
  private static long coming(long unreserved, GroupState state) {
    return Math.max(0, unreserved - Math.min(unreserved, state.ready) - state.answeredElsewhere);
  }

  /**
   * The groups a claim scan is due for (with claims): at most one per {@code recheckMs} a group,
   * and at once after a batch went or an answer landed, unless only twins of identifiers in flight
   * wait. Scanning ahead of any permit claims what the next batches need and finds what is ready,
   * so no permit is taken for a batch that must still wait for its claims.
   */
  List<GroupKey> claimScansDue(long nowMs) {
    List<GroupKey> due = new ArrayList<>();
    for (GroupKey group : buffer.groups()) {
      GroupState state = groups.computeIfAbsent(group, this::restored);
      if (unreserved(group) > 0
          && !state.awaitingAnswers
          && (state.claimScanAtMs == Long.MIN_VALUE
              || nowMs - state.claimScanAtMs >= rules.recheckMs())) {
        due.add(group);
      }
    }
    return due;
  }

  /**
   * The state of a group whose entries this assembler has not seen added: they were restored from
   * the changelog (a new owner of the task). Its first entry tells where scans start and how long
   * its oldest work has waited.
   */
  private GroupState restored(GroupKey group) {
    GroupState state = new GroupState();
    buffer.scan(
        group,
        0,
        first -> {
          state.scanFrom = first.offset();
          state.oldestMs = first.enqueuedAtMs();
          return false;
        });
    return state;
  }

  /**
   * Collects up to the batch size of distinct identifiers from the group's unreserved entries, in
   * input order. An identifier already in the batch absorbs its duplicates; one with a fresh answer
   * goes to the cached hits; one whose twin is in flight, or that waits on a claim, is left for
   * that answer; a free one is listed to claim.
   */
  Assembly assemble(GroupKey group, long nowMs, StandingLookup answers) {
    GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
    state.claimed.values().removeIf(claimedAt -> nowMs - claimedAt >= rules.leaseMs());
    Map<String, List<BatchMember>> byIdentifier = new LinkedHashMap<>();
    Map<String, String> sentValues = new HashMap<>();
    Map<String, Standing> standings = new HashMap<>();
    List<BatchMember> cachedHits = new ArrayList<>();
    List<PendingEntry> invalid = new ArrayList<>();
    List<String> claims = new ArrayList<>();
    long[] leftBehind = {-1};
    long[] lastSeen = {-1};
    long[] oldest = {Long.MAX_VALUE};
    long[] restOldest = {Long.MAX_VALUE};
    long[] waiting = {0};
    long[] elsewhere = {0};
    buffer.scan(
        group,
        state.scanFrom,
        entry -> {
          lastSeen[0] = entry.offset();
          if (reserved.contains(entry.offset())) {
            return true;
          }
          if (!(identifierOf.apply(entry) instanceof Validation.Valid valid)) {
            invalid.add(entry);
            return true;
          }
          var identifier = valid.identifier();
          String normalized = identifier.normalized();
          BatchMember member = new BatchMember(entry, identifier);
          if (inFlight.contains(inFlightKey(group, normalized))) {
            leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
            restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
            elsewhere[0]++;
            return true;
          }
          Standing standing = standings.get(normalized);
          if (standing == null) {
            standing = answers.of(group, normalized, nowMs);
            standings.put(normalized, standing);
            if (!claimable(state, normalized, standing, nowMs, claims)) {
              // The claim-ahead bound: what lies further waits until claims are sent.
              leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
              restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
              waiting[0]++;
              return false;
            }
          }
          if (standing instanceof ReuseLookup.Answered) {
            cachedHits.add(member);
            return true;
          }
          if (!(standing instanceof ReuseLookup.Mine)) {
            leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
            restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
            waiting[0]++;
            if (!(standing instanceof ReuseLookup.Free)) {
              // Another task's claim (a free one is this task's, on its way to the book).
              elsewhere[0]++;
            }
            return true;
          }
          List<BatchMember> members = byIdentifier.get(normalized);
          if (members == null) {
            if (byIdentifier.size() >= maxBatchSize) {
              leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
              restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
              return false;
            }
            members = new ArrayList<>();
            byIdentifier.put(normalized, members);
            sentValues.put(normalized, identifier.value());
          }
          members.add(member);
          oldest[0] = Math.min(oldest[0], entry.enqueuedAtMs());
          return true;
        });
    List<BatchItem> items = new ArrayList<>(byIdentifier.size());
    byIdentifier.forEach(
        (normalized, members) ->
            items.add(new BatchItem(sentValues.get(normalized), normalized, members)));
    long resumeAt =
        lastSeen[0] < 0 ? state.scanFrom : leftBehind[0] >= 0 ? leftBehind[0] : lastSeen[0] + 1;
    state.claimScanAtMs = nowMs;
    state.ready = byIdentifier.values().stream().mapToLong(List::size).sum();
    state.answeredElsewhere = elsewhere[0];
    return new Assembly(
        items, cachedHits, invalid, oldest[0], restOldest[0], resumeAt, claims, waiting[0]);
  }

  /**
   * Keeps the group's claims in step with what the book says of a newly seen identifier, and lists
   * the claims to write; false when a free identifier would exceed the claim-ahead bound.
   */
  private boolean claimable(
      GroupState state, String normalized, Standing standing, long nowMs, List<String> claims) {
    if (standing instanceof ReuseLookup.Mine mine) {
      if (mine.untilMs() != Long.MAX_VALUE) {
        state.claimed.putIfAbsent(normalized, nowMs);
        if (mine.untilMs() - nowMs < rules.leaseMs() / 2) {
          claims.add(normalized);
        }
      }
      return true;
    }
    if (!(standing instanceof ReuseLookup.Free)) {
      state.claimed.remove(normalized);
      return true;
    }
    if (state.claimed.containsKey(normalized)) {
      // Claimed already: its claim is on its way to the book.
      return true;
    }
    if (state.claimed.size() >= rules.claimAhead()) {
      return false;
    }
    state.claimed.put(normalized, nowMs);
    claims.add(normalized);
    return true;
  }

  /** The batch is dispatched: its members are reserved, its identifiers in flight. */
  void reserve(Batch batch, Assembly assembly) {
    GroupState state = groups.computeIfAbsent(batch.group(), g -> new GroupState());
    for (BatchItem item : batch.items()) {
      inFlight.add(inFlightKey(batch.group(), item.normalized()));
      state.claimed.remove(item.normalized());
      for (BatchMember member : item.members()) {
        if (reserved.add(member.entry().offset())) {
          state.reserved++;
        }
      }
    }
    state.scanFrom = assembly.resumeAt();
    state.scanAtMs = Long.MIN_VALUE;
    state.awaitingAnswers = false;
    state.claimScanAtMs = Long.MIN_VALUE;
    state.ready = 0;
    state.answeredElsewhere = 0;
    // What the scan left behind is the oldest unreserved work it knows of; entries past the point
    // where the batch filled up are younger, but for a released one, which keeps its old offset.
    state.oldestMs = assembly.restOldestMs();
  }

  /**
   * No batch worth sending before {@code untilMs}: spare the group further scans until then (or
   * until it could fill a batch). {@code assembly} is the scan that found so.
   */
  void deferScan(GroupKey group, long untilMs, Assembly assembly) {
    GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
    state.scanAtMs = untilMs;
    // Entries waiting on a claim need a recheck (their answer comes through the book), not a
    // landing: the group stays due for claim scans.
    state.awaitingAnswers =
        assembly.items().isEmpty()
            && assembly.cachedHits().isEmpty()
            && assembly.waitingOnClaims() == 0;
    state.oldestMs =
        Math.min(state.oldestMs, Math.min(assembly.oldestMs(), assembly.restOldestMs()));
  }

  /** An entry left the buffer (answered or dead-lettered). */
  void finished(GroupKey group, long offset) {
    GroupState state = groups.get(group);
    if (reserved.remove(offset) && state != null) {
      state.reserved--;
    }
    if (state != null && buffer.count(group) == 0) {
      groups.remove(group);
    }
  }

  /**
   * An entry of a dispatched batch goes back to waiting (its answer could not be written yet): it
   * is no longer reserved, and the next scan sees it again.
   */
  void returned(GroupKey group, PendingEntry entry) {
    GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
    if (reserved.remove(entry.offset())) {
      state.reserved--;
    }
    state.scanFrom = Math.min(state.scanFrom, entry.offset());
    state.oldestMs = Math.min(state.oldestMs, entry.enqueuedAtMs());
    state.claimScanAtMs = Long.MIN_VALUE;
  }

  /** The identifier's batch came back (answered or failed): its twins may be scanned again. */
  void landed(GroupKey group, String normalized) {
    inFlight.remove(inFlightKey(group, normalized));
    GroupState state = groups.get(group);
    if (state != null) {
      state.scanAtMs = Long.MIN_VALUE;
      state.awaitingAnswers = false;
      state.claimScanAtMs = Long.MIN_VALUE;
    }
  }

  private static String inFlightKey(GroupKey group, String normalized) {
    return group.encode() + '\u0000' + normalized;
  }
}
