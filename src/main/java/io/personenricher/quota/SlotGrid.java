package io.personenricher.quota;

/**
 * Where the permits of an endpoint fall in time: {@code limit} slots per {@code windowMs +
 * marginMs}, evenly spaced from {@code epochMs}. Slot {@code k} starts at {@code epochMs + k ×
 * (windowMs + marginMs) / limit}, so any {@code limit} consecutive slots span exactly one window
 * plus the margin, and requests sent at their slot's start are spread through the window rather
 * than burst at its start.
 *
 * <p>The margin covers what separates a slot's start from the request's arrival at the API: the
 * send may be late by up to half of it ({@link #latenessMs()}), and the network and the clocks of
 * different hosts take the rest.
 *
 * @param limit permits per window (the key's limit minus the headroom kept for others)
 * @param effectiveFromMs until a later grid takes over, the grid's slots are valid from here on;
 *     also the grid's identity in claims
 */
public record SlotGrid(
    Endpoint endpoint, int limit, long windowMs, long marginMs, long effectiveFromMs) {

  public SlotGrid {
    if (limit < 1 || windowMs < 1 || marginMs < 0) {
      throw new IllegalArgumentException(
          "a slot grid needs limit >= 1, window >= 1 ms and margin >= 0, got "
              + limit
              + ", "
              + windowMs
              + ", "
              + marginMs);
    }
  }

  /** The span in which at most {@link #limit} slots may start: window plus margin. */
  public long spanMs() {
    return windowMs + marginMs;
  }

  public long startOf(long slot) {
    return effectiveFromMs + Math.floorDiv(slot * spanMs(), limit);
  }

  /** The first slot starting at or after {@code timeMs}. */
  public long firstSlotFrom(long timeMs) {
    long slot = Math.floorDiv((timeMs - effectiveFromMs) * limit, spanMs());
    while (startOf(slot) < timeMs) {
      slot++;
    }
    while (slot > 0 && startOf(slot - 1) >= timeMs) {
      slot--;
    }
    return Math.max(slot, 0);
  }

  /** The average distance between two slots. */
  public double slotMs() {
    return (double) spanMs() / limit;
  }

  /** How late after its start a slot may still be used. */
  public long latenessMs() {
    return marginMs / 2;
  }

  /** The same grid rules from another time on (a new grid, e.g. after the limit changed). */
  public SlotGrid from(long effectiveFromMs) {
    return new SlotGrid(endpoint, limit, windowMs, marginMs, effectiveFromMs);
  }

  /**
   * The margin the quota keeps by default: 2 % of the window, at least 100 ms, at most 1 s. At the
   * API's 60 s window that is 1 s (so 98.4 % of the limit is usable); the floor keeps a scaled-down
   * window safe from the timer and scheduling jitter of a busy machine.
   */
  public static long defaultMarginMs(long windowMs) {
    return Math.min(1_000, Math.max(100, windowMs / 50));
  }
}
