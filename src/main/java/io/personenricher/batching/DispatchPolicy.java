package io.personenricher.batching;

import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.quota.Demand;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * What a task's groups amount to as demand for permits, and which group a permit serves: pure
 * functions of what the task knows and the clock.
 *
 * <ul>
 *   <li>A group that can fill a batch is a full batch. A partial batch is nothing before its oldest
 *       event lingered ({@code linger} is a lower bound, not a trigger); after it, a batch that
 *       goes only on a permit that would otherwise be unused; after {@code maxWait} (or while
 *       draining), one that takes the next permit like a full batch.
 *   <li>A lingered partial that is still growing (an event came within the linger) fast enough to
 *       fill within another linger, at the rate it grew since its oldest event, is
 *       <em>filling</em>: it waits to be full rather than take a spare permit. Sent now, the events
 *       still arriving would make a second partial, a request more for the same group. Its {@code
 *       maxWait} still holds. With claims, the entries not ready yet that the task will send (their
 *       claim on its way to the book, or taken in since the last scan) count as taken in: a group
 *       they would fill is filling, however few entries are ready. Otherwise the first claims'
 *       round trip makes every group of a burst look small and old, and a spare permit takes one
 *       half-filled.
 *   <li>The linger is time in which the group could take in events: after a stall of the task (the
 *       stream thread away on other work, such as opening another task's stores at start-up), it
 *       counts again, once, from the first record taken in after it, since the input that queued up
 *       meanwhile is on its way. Otherwise a partial batch of the first record or two of a backlog
 *       looks old and takes a spare permit. Its {@code maxWait} still counts from its oldest event.
 *   <li>A permit serves urgent work first (full groups and due partials alike, the oldest work
 *       first, so no group starves), then a lingering partial.
 * </ul>
 */
final class DispatchPolicy {

  private final int maxBatchSize;
  private final long lingerMs;
  private final long maxWaitMs;

  DispatchPolicy(int maxBatchSize, long lingerMs, long maxWaitMs) {
    this.maxBatchSize = maxBatchSize;
    this.lingerMs = lingerMs;
    this.maxWaitMs = maxWaitMs;
  }

  /** How a group stands, best first. */
  enum Standing {
    FULL,
    DUE,
    LINGERING,
    FILLING,
    YOUNG,
    IDLE
  }

  /**
   * @param lingerFrom where the linger of a group whose oldest event came at the given time counts
   *     from ({@link IntakeStalls#lingerFromMs}): that time, or a later one after a stall; never
   *     earlier
   */
  Standing standing(GroupView group, long nowMs, LongUnaryOperator lingerFrom, boolean draining) {
    if (group.unreserved() <= 0 || group.awaitingAnswers()) {
      return Standing.IDLE;
    }
    if (group.unreserved() >= maxBatchSize) {
      return Standing.FULL;
    }
    long waited = nowMs - group.oldestMs();
    if (draining || waited >= maxWaitMs) {
      return Standing.DUE;
    }
    if (nowMs - lingerFrom.applyAsLong(group.oldestMs()) < lingerMs) {
      return Standing.YOUNG;
    }
    return fillsWithinLinger(group, nowMs, waited) ? Standing.FILLING : Standing.LINGERING;
  }

  /**
   * Whether the entries on their way (with claims) complete a batch, or the group still grows (its
   * newest event is younger than the linger) and, at the rate it grew since its oldest event, takes
   * in the rest of a batch within another linger.
   */
  private boolean fillsWithinLinger(GroupView group, long nowMs, long waited) {
    long takenIn = group.unreserved() + group.coming();
    if (takenIn >= maxBatchSize) {
      return true;
    }
    if (group.newestMs() == Long.MIN_VALUE || nowMs - group.newestMs() >= lingerMs) {
      return false;
    }
    long missing = maxBatchSize - takenIn;
    // missing / (takenIn / waited) <= linger, in integers.
    return missing * waited <= lingerMs * takenIn;
  }

  /**
   * The demand of some groups (those of one endpoint) and of the retries due for it.
   *
   * @param oldestRetryMs enqueue time of the oldest event among the due retries
   * @param lingerFrom as for {@link #standing}
   */
  Demand demand(
      Collection<GroupView> groups,
      int retriesDue,
      long oldestRetryMs,
      long nowMs,
      LongUnaryOperator lingerFrom,
      boolean draining) {
    int full = retriesDue;
    int due = 0;
    int lingering = 0;
    long oldest = retriesDue > 0 ? oldestRetryMs : Long.MAX_VALUE;
    for (GroupView group : groups) {
      Standing standing = standing(group, nowMs, lingerFrom, draining);
      if (standing == Standing.IDLE || standing == Standing.YOUNG || standing == Standing.FILLING) {
        continue;
      }
      oldest = Math.min(oldest, group.oldestMs());
      if (standing == Standing.FULL) {
        full += (int) (group.unreserved() / maxBatchSize);
        if (group.unreserved() % maxBatchSize > 0 && nowMs - group.oldestMs() >= maxWaitMs) {
          due++;
        }
      } else if (standing == Standing.DUE) {
        due++;
      } else {
        lingering++;
      }
    }
    return new Demand(full, due, lingering, oldest);
  }

  /**
   * The group a permit in hand serves: urgent work (full batches, and partial ones past their max
   * wait) oldest first, then lingering partials, oldest first. A group too young for a permit of
   * its own is still better than a permit left unused.
   */
  Optional<GroupView> pick(
      Collection<GroupView> groups, long nowMs, LongUnaryOperator lingerFrom, boolean draining) {
    Comparator<GroupView> best =
        Comparator.comparingInt(
                (GroupView group) -> rank(standing(group, nowMs, lingerFrom, draining)))
            .thenComparingLong(GroupView::oldestMs)
            .thenComparing(group -> group.group().encode());
    return groups.stream()
        .filter(group -> standing(group, nowMs, lingerFrom, draining) != Standing.IDLE)
        .min(best);
  }

  /** Urgent work shares the first rank: among it the oldest goes first, full or not. */
  private static int rank(Standing standing) {
    return switch (standing) {
      case FULL, DUE -> 0;
      case LINGERING -> 1;
      case FILLING, YOUNG -> 2;
      case IDLE -> 3;
    };
  }

  /** Why a batch of {@code distinct} identifiers went, for the metrics. */
  FlushReason reason(int distinct, long oldestMs, long nowMs, boolean draining) {
    if (distinct >= maxBatchSize) {
      return FlushReason.SIZE;
    }
    if (draining) {
      return FlushReason.SHUTDOWN;
    }
    return nowMs - oldestMs >= maxWaitMs ? FlushReason.MAX_WAIT : FlushReason.SURPLUS;
  }

  /** When a scan that found only twins of identifiers in flight may be repeated at the latest. */
  long rescanAtMs(long nowMs) {
    return nowMs + Math.max(1, lingerMs);
  }
}
