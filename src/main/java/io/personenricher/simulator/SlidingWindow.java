package io.personenricher.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Step 2 of spec §4.4: one endpoint's sliding rate window per API key. A request counts for exactly
 * one window length from its arrival; {@code x-ratelimit-reset} is the time until the oldest one
 * ages out (spec §5).
 *
 * <p>Threading notes: not thread-safe; the simulator calls it under its lock.
 */
final class SlidingWindow {

  private final int limit;
  private final long windowNanos;
  private final Map<String, ArrayDeque<Long>> arrivalsByKey = new HashMap<>();

  SlidingWindow(int limit, Duration window) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate window needs a positive limit and length");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
  }

  int limit() {
    return limit;
  }

  /**
   * Counts the call against {@code key}'s window if there is room and {@code forceRefusal} is
   * false; otherwise refuses it (429) without counting it.
   */
  RateDecision admit(String key, long nowNanos, boolean forceRefusal) {
    ArrayDeque<Long> window = arrivalsByKey.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!window.isEmpty() && window.peekFirst() <= nowNanos - windowNanos) {
      window.pollFirst();
    }
    if (forceRefusal || window.size() >= limit) {
      long resetNanos =
          window.isEmpty() ? windowNanos : window.peekFirst() + windowNanos - nowNanos;
      return new RateDecision(
          false, limit, Math.max(0, limit - window.size()), ceilSeconds(resetNanos));
    }
    window.addLast(nowNanos);
    return new RateDecision(
        true,
        limit,
        limit - window.size(),
        ceilSeconds(window.peekFirst() + windowNanos - nowNanos));
  }

  void clear() {
    arrivalsByKey.clear();
  }

  /** Whole seconds, rounded up: a client that waits this long always finds capacity again. */
  static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
