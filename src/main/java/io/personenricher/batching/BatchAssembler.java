package io.personenricher.batching;

import io.personenricher.client.EnrichEntry;
import io.personenricher.intake.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Threading notes: stream thread only.
 */
final class BatchAssembler {

  /** Answers already known, by group and normalised identifier. */
  @FunctionalInterface
  interface AnswerLookup {
    Optional<EnrichEntry> get(GroupKey group, String normalized, long nowMs);
  }

  private static final class GroupState {
    long scanFrom;
    long reserved;
    long scanAtMs = Long.MIN_VALUE;
    long oldestMs = Long.MAX_VALUE;
    boolean awaitingAnswers;
  }

  private final PendingBuffer buffer;
  private final int maxBatchSize;
  private final Function<PendingEntry, Validation> identifierOf;
  private final Map<GroupKey, GroupState> groups = new HashMap<>();
  private final Set<Long> reserved = new HashSet<>();
  private final Set<String> inFlight = new HashSet<>();

  /**
   * @param identifierOf the entry's validated identifier (validating once more only entries an
   *     older release stored without it, which a newer rule may now refuse)
   */
  BatchAssembler(
      PendingBuffer buffer, int maxBatchSize, Function<PendingEntry, Validation> identifierOf) {
    this.buffer = buffer;
    this.maxBatchSize = maxBatchSize;
    this.identifierOf = identifierOf;
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
    state.awaitingAnswers = false;
    if (unreserved(group) >= maxBatchSize) {
      state.scanAtMs = Long.MIN_VALUE;
    }
  }

  long unreserved(GroupKey group) {
    GroupState state = groups.get(group);
    return buffer.count(group) - (state == null ? 0 : state.reserved);
  }

  /** The groups with unreserved entries, as the dispatch policy sees them. */
  List<GroupView> views() {
    List<GroupView> views = new ArrayList<>(buffer.groups().size());
    for (GroupKey group : buffer.groups()) {
      long unreserved = unreserved(group);
      if (unreserved > 0) {
        GroupState state = groups.computeIfAbsent(group, this::restored);
        views.add(
            new GroupView(
                group, unreserved, state.scanAtMs, state.oldestMs, state.awaitingAnswers));
      }
    }
    return views;
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
   * goes to the cached hits; one whose twin is in flight is left for that answer.
   */
  Assembly assemble(GroupKey group, long nowMs, AnswerLookup answers) {
    GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
    Map<String, List<BatchMember>> byIdentifier = new LinkedHashMap<>();
    Map<String, String> sentValues = new HashMap<>();
    List<BatchMember> cachedHits = new ArrayList<>();
    List<PendingEntry> invalid = new ArrayList<>();
    long[] leftBehind = {-1};
    long[] lastSeen = {-1};
    long[] oldest = {Long.MAX_VALUE};
    long[] restOldest = {Long.MAX_VALUE};
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
          BatchMember member = new BatchMember(entry, identifier);
          if (inFlight.contains(inFlightKey(group, identifier.normalized()))) {
            leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
            restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
            return true;
          }
          if (answers.get(group, identifier.normalized(), nowMs).isPresent()) {
            cachedHits.add(member);
            return true;
          }
          List<BatchMember> members = byIdentifier.get(identifier.normalized());
          if (members == null) {
            if (byIdentifier.size() >= maxBatchSize) {
              leftBehind[0] = leftBehind[0] < 0 ? entry.offset() : leftBehind[0];
              restOldest[0] = Math.min(restOldest[0], entry.enqueuedAtMs());
              return false;
            }
            members = new ArrayList<>();
            byIdentifier.put(identifier.normalized(), members);
            sentValues.put(identifier.normalized(), identifier.value());
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
    return new Assembly(items, cachedHits, invalid, oldest[0], restOldest[0], resumeAt);
  }

  /** The batch is dispatched: its members are reserved, its identifiers in flight. */
  void reserve(Batch batch, Assembly assembly) {
    GroupState state = groups.computeIfAbsent(batch.group(), g -> new GroupState());
    for (BatchItem item : batch.items()) {
      inFlight.add(inFlightKey(batch.group(), item.normalized()));
      for (BatchMember member : item.members()) {
        if (reserved.add(member.entry().offset())) {
          state.reserved++;
        }
      }
    }
    state.scanFrom = assembly.resumeAt();
    state.scanAtMs = Long.MIN_VALUE;
    state.awaitingAnswers = false;
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
    state.awaitingAnswers = assembly.items().isEmpty() && assembly.cachedHits().isEmpty();
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
  }

  /** The identifier's batch came back (answered or failed): its twins may be scanned again. */
  void landed(GroupKey group, String normalized) {
    inFlight.remove(inFlightKey(group, normalized));
    GroupState state = groups.get(group);
    if (state != null) {
      state.scanAtMs = Long.MIN_VALUE;
      state.awaitingAnswers = false;
    }
  }

  private static String inFlightKey(GroupKey group, String normalized) {
    return group.encode() + '\u0000' + normalized;
  }
}
