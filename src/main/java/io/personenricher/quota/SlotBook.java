package io.personenricher.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schedule of one endpoint's permits, as folded from the quota ledger: which grid applies when,
 * which instance won which slot, and until when the API asked for a pause.
 *
 * <p>A pure, deterministic fold: it depends only on the records and their order, never on a clock,
 * so every instance that applied the same ledger prefix holds the same book, and no two instances
 * ever own the same slot.
 *
 * <p>Rules, per claimed slot in log order: the slot must belong to a known grid and start before
 * the next grid takes over and at or after the latest pause; it must be unowned (or released by its
 * owner); and owning it must keep every span of {@code window + margin} within the limit of the
 * grid in force at the span's end. The last rule is what keeps the API's sliding window safe across
 * a change of grid (a learned limit), where slots of two grids meet.
 *
 * <p>Threading notes: not thread-safe; its owner serialises access.
 */
public final class SlotBook {

  /** A slot someone won. */
  public record Won(long startMs, long gridFromMs, long slot, String owner) {}

  private final Endpoint endpoint;
  private final NavigableMap<Long, SlotGrid> grids = new TreeMap<>();
  private final NavigableMap<Long, Won> won = new TreeMap<>();
  private long pausedUntilMs = Long.MIN_VALUE;

  public SlotBook(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** Applies one ledger record of this endpoint; returns the slots it made someone win. */
  public List<Won> apply(LedgerRecord record) {
    if (record.endpoint() != endpoint) {
      return List.of();
    }
    if (record instanceof LedgerRecord.Grid grid) {
      grids.putIfAbsent(grid.grid().effectiveFromMs(), grid.grid());
      return List.of();
    }
    if (record instanceof LedgerRecord.Pause pause) {
      pausedUntilMs = Math.max(pausedUntilMs, pause.untilMs());
      return List.of();
    }
    if (record instanceof LedgerRecord.Release release) {
      SlotGrid grid = grids.get(release.gridFromMs());
      if (grid != null) {
        long start = grid.startOf(release.slot());
        Won owner = won.get(start);
        if (owner != null && owner.owner().equals(release.instance())) {
          won.remove(start);
        }
      }
      return List.of();
    }
    LedgerRecord.Claim claim = (LedgerRecord.Claim) record;
    SlotGrid grid = grids.get(claim.gridFromMs());
    if (grid == null) {
      return List.of();
    }
    List<Won> granted = new ArrayList<>();
    for (long slot = claim.slot(); slot < claim.slot() + claim.count(); slot++) {
      long start = grid.startOf(slot);
      if (acceptable(grid, start)) {
        Won w = new Won(start, grid.effectiveFromMs(), slot, claim.instance());
        won.put(start, w);
        granted.add(w);
      }
    }
    return granted;
  }

  private boolean acceptable(SlotGrid grid, long start) {
    if (start < grid.effectiveFromMs() || start < pausedUntilMs || won.containsKey(start)) {
      return false;
    }
    Map.Entry<Long, SlotGrid> next = grids.higherEntry(grid.effectiveFromMs());
    if (next != null && start >= next.getKey()) {
      return false;
    }
    long span = grid.spanMs();
    if (noGridChangeNear(start, span)) {
      // Within one grid any limit consecutive slots span a window plus the margin: no span can
      // hold more than the limit, and counting would only cost time.
      return true;
    }
    // Across a change of grid: every span (t - spanMs, t] that would contain this start must stay
    // within the limit in force at its end.
    List<Long> starts =
        new ArrayList<>(won.subMap(start - span, false, start + span, false).keySet());
    starts.add(start);
    starts.sort(Long::compare);
    int lo = 0;
    for (int hi = 0; hi < starts.size(); hi++) {
      long end = starts.get(hi);
      while (starts.get(lo) <= end - span) {
        lo++;
      }
      if (end >= start && starts.get(lo) <= start && hi - lo + 1 > limitAt(end, grid)) {
        return false;
      }
    }
    return true;
  }

  /** True when no grid took over (after the first) near enough to {@code start} to matter. */
  private boolean noGridChangeNear(long start, long span) {
    Long first = grids.firstKey();
    for (Long change : grids.subMap(start - 2 * span, false, start + span, true).keySet()) {
      if (!change.equals(first)) {
        return false;
      }
    }
    return true;
  }

  private int limitAt(long timeMs, SlotGrid fallback) {
    Map.Entry<Long, SlotGrid> grid = grids.floorEntry(timeMs);
    return grid == null ? fallback.limit() : grid.getValue().limit();
  }

  /**
   * Forgets the slots that start before {@code timeMs}. Call it with a time well in the past (the
   * broker uses three spans ago): decisions about slots to come look back one span at most, and
   * claims arrive for slots to come, so what is forgotten can no longer change any owner.
   */
  public void forgetBefore(long timeMs) {
    won.headMap(timeMs, false).clear();
  }

  /** The grid in force at {@code timeMs}, if any. */
  public Optional<SlotGrid> gridAt(long timeMs) {
    Map.Entry<Long, SlotGrid> grid = grids.floorEntry(timeMs);
    return grid == null ? Optional.empty() : Optional.of(grid.getValue());
  }

  /** The latest grid (perhaps not yet in force). */
  public Optional<SlotGrid> latestGrid() {
    return grids.isEmpty() ? Optional.empty() : Optional.of(grids.lastEntry().getValue());
  }

  public long pausedUntilMs() {
    return pausedUntilMs;
  }

  /** Who won the slot starting at {@code startMs}, if anyone. */
  public Optional<Won> winnerAt(long startMs) {
    return Optional.ofNullable(won.get(startMs));
  }

  /** The slots {@code owner} won that start in [fromMs, toMs), earliest first. */
  public List<Won> wonBy(String owner, long fromMs, long toMs) {
    List<Won> result = new ArrayList<>();
    for (Won w : won.subMap(fromMs, true, toMs, false).values()) {
      if (w.owner().equals(owner)) {
        result.add(w);
      }
    }
    return result;
  }

  /** Slots won by anyone that start in [fromMs, toMs). */
  public int wonBetween(long fromMs, long toMs) {
    return won.subMap(fromMs, true, toMs, false).size();
  }

  /**
   * Up to {@code count} slots, earliest first, starting at or after {@code fromMs}, that a claim
   * appended now would win as far as this book knows.
   */
  public List<LedgerRecord.Claim> freeSlots(String instance, long fromMs, int count) {
    List<LedgerRecord.Claim> claims = new ArrayList<>();
    Optional<SlotGrid> current = gridAt(Math.max(fromMs, pausedUntilMs));
    if (current.isEmpty()) {
      current = grids.isEmpty() ? Optional.empty() : Optional.of(grids.firstEntry().getValue());
    }
    if (current.isEmpty()) {
      return claims;
    }
    SlotGrid grid = current.get();
    long slot =
        grid.firstSlotFrom(Math.max(fromMs, Math.max(pausedUntilMs, grid.effectiveFromMs())));
    // Look a bounded way ahead: at most two spans' worth of slots.
    for (int probed = 0;
        claims.size() < count && probed < 2 * grid.limit() + count;
        probed++, slot++) {
      long start = grid.startOf(slot);
      Map.Entry<Long, SlotGrid> next = grids.higherEntry(grid.effectiveFromMs());
      if (next != null && start >= next.getKey()) {
        grid = next.getValue();
        slot = grid.firstSlotFrom(start) - 1;
        continue;
      }
      if (acceptable(grid, start)) {
        claims.add(new LedgerRecord.Claim(instance, endpoint, grid.effectiveFromMs(), slot, 1));
      }
    }
    return claims;
  }
}
