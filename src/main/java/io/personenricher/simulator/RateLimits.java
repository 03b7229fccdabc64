package io.personenricher.simulator;

import java.time.Duration;

/**
 * Converts a per-window limit into requests per minute, as {@code GET /account/endpoints} reports
 * it. With the API's 60 s window this is the configured limit; with a window scaled down for tests
 * (say 60 requests per 10 s) it is the same rate over a minute (360), rounded down so that a client
 * pacing itself by the reported figure never exceeds the real window.
 *
 * <p>Threading notes: stateless.
 */
final class RateLimits {

  private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

  private RateLimits() {}

  static long perMinute(int limitPerWindow, Duration window) {
    return Math.floorDiv(limitPerWindow * MINUTE_NANOS, window.toNanos());
  }
}
