package io.personenricher.batching;

import io.personenricher.metrics.EnricherMetrics.FlushReason;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which group's batch goes next, and whether an assembled batch may go now: pure functions of what
 * the task knows and the clock.
 *
 * <ul>
 *   <li>Order: groups that can fill a batch go before groups that cannot, and within each class the
 *       group holding the oldest work goes first, so under a sustained backlog no group takes every
 *       permit while another starves.
 *   <li>A batch goes when it is full ({@link FlushReason#SIZE}), when its oldest event has lingered
 *       ({@link FlushReason#LINGER}), or at shutdown ({@link FlushReason#SHUTDOWN}).
 * </ul>
 */
final class DispatchPolicy {

  private static final Comparator<GroupView> OLDEST_FIRST =
      Comparator.comparingLong(GroupView::oldestMs).thenComparing(view -> view.group().encode());

  private final int maxBatchSize;
  private final long lingerMs;

  DispatchPolicy(int maxBatchSize, long lingerMs) {
    this.maxBatchSize = maxBatchSize;
    this.lingerMs = lingerMs;
  }

  /**
   * The group worth scanning next, or empty when none is. A group whose last scan found only twins
   * of identifiers in flight is never named, not even while draining: scanning it again could not
   * find anything to send.
   */
  Optional<GroupView> next(Collection<GroupView> groups, long nowMs, boolean draining) {
    Comparator<GroupView> fullFirst =
        Comparator.comparing((GroupView view) -> view.unreserved() < maxBatchSize)
            .thenComparing(OLDEST_FIRST);
    return groups.stream()
        .filter(
            view ->
                view.unreserved() > 0
                    && !view.awaitingAnswers()
                    && (draining || view.scanAtMs() <= nowMs))
        .min(fullFirst);
  }

  /**
   * Why a batch of {@code distinct} identifiers whose oldest member was enqueued at {@code
   * oldestMs} may go now; empty when it should wait for company until {@link #dueAtMs}.
   */
  Optional<FlushReason> flushReason(int distinct, long oldestMs, long nowMs, boolean draining) {
    if (distinct >= maxBatchSize) {
      return Optional.of(FlushReason.SIZE);
    }
    if (nowMs - oldestMs >= lingerMs) {
      return Optional.of(FlushReason.LINGER);
    }
    if (draining) {
      return Optional.of(FlushReason.SHUTDOWN);
    }
    return Optional.empty();
  }

  /** When a partial batch whose oldest member was enqueued at {@code oldestMs} becomes due. */
  long dueAtMs(long oldestMs, long nowMs) {
    return Math.max(nowMs + 1, oldestMs + lingerMs);
  }
}
