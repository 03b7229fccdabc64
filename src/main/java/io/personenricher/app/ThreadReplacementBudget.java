package io.personenricher.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * How many times a dead stream thread may be replaced within a sliding window before the instance
 * gives up (see {@link EnricherApp}): transient failures heal by replacement, a deterministic one
 * must not loop forever.
 *
 * <p>Threading notes: stream threads die concurrently; {@link #tryReplace} is synchronized.
 */
final class ThreadReplacementBudget {

  private final int maxReplacements;
  private final Duration window;
  private final Clock clock;
  private final ArrayDeque<Instant> replacements = new ArrayDeque<>();

  ThreadReplacementBudget(int maxReplacements, Duration window, Clock clock) {
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
  }

  /**
   * True (and counted) when one more replacement fits in the window; false when the budget is
   * spent.
   */
  synchronized boolean tryReplace() {
    Instant now = clock.instant();
    while (!replacements.isEmpty() && !replacements.peekFirst().isAfter(now.minus(window))) {
      replacements.removeFirst();
    }
    if (replacements.size() >= maxReplacements) {
      return false;
    }
    replacements.addLast(now);
    return true;
  }

  /** Replacements counted within the current window. */
  synchronized int used() {
    return replacements.size();
  }
}
