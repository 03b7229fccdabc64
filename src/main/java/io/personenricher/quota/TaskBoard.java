package io.personenricher.quota;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest demand each task of the instance offered for one endpoint, and who among them gets the
 * instance's next permit: full batches before due partials before surplus partials, and within a
 * class the task holding the oldest work (so no task or group starves).
 *
 * <p>Offers go stale after {@code staleMs}: a task whose thread is busy elsewhere does not hold up
 * a permit the others could use.
 *
 * <p>Threading notes: not thread-safe; the broker serialises access.
 */
final class TaskBoard {

  private record Offer(String taskId, Demand demand, long atMs) {}

  // Full batches and partial ones past their max wait are alike urgent: the oldest goes first.
  private static final Comparator<Offer> BEST_FIRST =
      Comparator.<Offer>comparingInt(offer -> offer.demand().urgent() > 0 ? 0 : 1)
          .thenComparingLong(offer -> offer.demand().oldestMs())
          .thenComparing(Offer::taskId);

  private final long staleMs;
  private final Map<String, Offer> offers = new HashMap<>();

  TaskBoard(long staleMs) {
    this.staleMs = staleMs;
  }

  void offer(String taskId, Demand demand, long nowMs) {
    if (demand.isEmpty()) {
      offers.remove(taskId);
    } else {
      offers.put(taskId, new Offer(taskId, demand, nowMs));
    }
  }

  void withdraw(String taskId) {
    offers.remove(taskId);
  }

  /** The instance's demand: the fresh offers added up. */
  Demand total(long nowMs) {
    Demand total = Demand.NONE;
    for (Offer offer : offers.values()) {
      if (fresh(offer, nowMs)) {
        total = total.plus(offer.demand());
      }
    }
    return total;
  }

  /** The task that should send next, and the class of its batch. */
  Optional<Map.Entry<String, Permit.Kind>> best(long nowMs) {
    return offers.values().stream()
        .filter(offer -> fresh(offer, nowMs))
        .min(BEST_FIRST)
        .map(offer -> Map.entry(offer.taskId(), offer.demand().bestKind()));
  }

  private boolean fresh(Offer offer, long nowMs) {
    return nowMs - offer.atMs() <= staleMs;
  }
}
