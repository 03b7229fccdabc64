package io.personenricher.quota;

import java.util.List;

/**
 * Which slots an instance claims next, as a pure function of the book, its demand and the clock.
 *
 * <ul>
 *   <li>Urgent work (full batches, retries, partial batches past the max wait) claims the earliest
 *       free slots, keeping about {@code horizonMs} of slots claimed ahead of use so that the
 *       ledger's round trip never leaves a slot idle.
 *   <li>A partial batch past its linger claims a slot only just in time: the next free slot, and
 *       only once it is about to start. Any full batch anywhere had the chance to claim it first,
 *       so the permit goes to a partial batch only when it would otherwise go unused.
 *   <li>Nothing is claimed within {@code leadMs} of now: a claim must reach every instance before
 *       its slot starts.
 * </ul>
 *
 * <p>Fairness follows from the ledger's order: each instance holds at most a horizon of claims, so
 * saturated instances take turns, and an instance with little demand takes only what it needs
 * (max-min fair in requests).
 */
final class ClaimPlanner {

  private final long horizonMs;
  private final long leadMs;

  ClaimPlanner(long horizonMs, long leadMs) {
    this.horizonMs = horizonMs;
    this.leadMs = leadMs;
  }

  /**
   * @param upcoming slots this instance won that have not started yet
   * @param unconfirmed claims this instance appended that the book has not seen yet
   * @param mayTakeSurplus false right after this instance used a surplus permit: the next one is
   *     left to the others, so instances with only partial batches take turns rather than the
   *     fastest claimer taking every one
   */
  List<LedgerRecord.Claim> plan(
      SlotBook book,
      String instance,
      Demand demand,
      int upcoming,
      int unconfirmed,
      boolean mayTakeSurplus,
      long nowMs) {
    SlotGrid grid = book.gridAt(nowMs).or(book::latestGrid).orElse(null);
    if (grid == null || demand.isEmpty()) {
      return List.of();
    }
    int horizonSlots = (int) Math.max(2, Math.ceil(horizonMs / grid.slotMs()));
    int want = Math.min(demand.urgent(), horizonSlots) - upcoming - unconfirmed;
    if (want > 0) {
      return book.freeSlots(instance, nowMs + leadMs, want);
    }
    if (demand.urgent() == 0 && upcoming == 0 && unconfirmed == 0 && mayTakeSurplus) {
      List<LedgerRecord.Claim> next = book.freeSlots(instance, nowMs + leadMs, 1);
      if (!next.isEmpty()) {
        LedgerRecord.Claim claim = next.get(0);
        long start =
            book.gridAt(nowMs + leadMs).orElse(grid).from(claim.gridFromMs()).startOf(claim.slot());
        if (start <= nowMs + leadMs + (long) Math.ceil(grid.slotMs())) {
          return next;
        }
      }
    }
    return List.of();
  }
}
