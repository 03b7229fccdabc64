package io.personenricher.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;

/**
 * Keeps one client under the API's request quota, before the server has to say 429.
 *
 * <p>Three rules, the strictest wins:
 *
 * <ol>
 *   <li>Own sliding window: a permit is free while fewer than {@code limit} sends happened within
 *       the last {@code window} (plus a small safety margin, see below). This mirrors the API's
 *       per-key sliding window.
 *   <li>Server headroom: every response's {@code x-ratelimit-remaining}; when it is at or below
 *       {@code headroom} (and {@code x-ratelimit-reset} is positive) no permit is given until the
 *       reset has passed. This covers other users of the same key, which the own window cannot see.
 *   <li>After a 429: nothing until {@code x-ratelimit-reset} (else {@code Retry-After}, else one
 *       window) plus a random jitter of at most {@code maxJitter}, so instances that share a key do
 *       not retry in lockstep.
 * </ol>
 *
 * <p>Why a margin on the own window: the send time recorded here precedes the server's arrival time
 * by the network and queueing delay, which varies; a request recorded at t that arrives at t + d
 * still counts at the server until t + d + window. The margin (5 % of the window, at most 1 s)
 * absorbs that variation, so that pacing at exactly the limit never earns a 429.
 *
 * <p>Pure Java and clock-driven, so it is unit-tested with a fake clock; the Vert.x client asks
 * {@link #delayUntilNextPermit()} and arms a timer instead of blocking.
 *
 * <p>Threading notes: called from stream threads (delay queries) and Vert.x event loops (permits,
 * responses) at once; every method is {@code synchronized} and cheap.
 */
public final class QuotaGovernor {

  private final int limit;
  private final Duration window;
  private final Duration margin;
  private final int headroom;
  private final Duration maxJitter;
  private final Clock clock;
  private final DoubleSupplier random;
  private final ArrayDeque<Instant> sends = new ArrayDeque<>();
  private Instant blockedUntil = Instant.MIN;

  /**
   * @param limit requests per window
   * @param window the sliding window
   * @param headroom stop when the server reports this many or fewer remaining
   * @param maxJitter upper bound of the random delay added after a 429
   * @param clock time source
   * @param random uniform values in [0, 1) for the jitter
   */
  public QuotaGovernor(
      int limit,
      Duration window,
      int headroom,
      Duration maxJitter,
      Clock clock,
      DoubleSupplier random) {
    if (limit < 1
        || window.isNegative()
        || window.isZero()
        || headroom < 0
        || maxJitter.isNegative()) {
      throw new IllegalArgumentException(
          "quota needs limit >= 1, a positive window, headroom >= 0, jitter >= 0");
    }
    this.limit = limit;
    this.window = window;
    Duration fivePercent = window.dividedBy(20);
    this.margin =
        fivePercent.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : fivePercent;
    this.headroom = headroom;
    this.maxJitter = maxJitter;
    this.clock = clock;
    this.random = random;
  }

  /** A governor for the client's settings. */
  public static QuotaGovernor forSettings(
      ClientSettings settings, Clock clock, DoubleSupplier random) {
    return new QuotaGovernor(
        settings.rateLimitRequests(),
        settings.rateWindow(),
        settings.headroom(),
        settings.maxJitter(),
        clock,
        random);
  }

  /** Zero when a permit is free now, else how long until one is. */
  public synchronized Duration delayUntilNextPermit() {
    Instant now = clock.instant();
    prune(now);
    Instant free = now;
    if (sends.size() >= limit) {
      // The send that must age out first is the one `limit` sends back from the newest.
      Instant oldestThatMatters = sends.toArray(Instant[]::new)[sends.size() - limit];
      free = oldestThatMatters.plus(window).plus(margin);
    }
    if (blockedUntil.isAfter(free)) {
      free = blockedUntil;
    }
    return free.isAfter(now) ? Duration.between(now, free) : Duration.ZERO;
  }

  /**
   * Takes a permit if one is free now and records the send; false means ask {@link
   * #delayUntilNextPermit()}.
   */
  public synchronized boolean tryAcquire() {
    if (!delayUntilNextPermit().isZero()) {
      return false;
    }
    sends.addLast(clock.instant());
    return true;
  }

  /**
   * Learns from one response's headers (any status).
   *
   * @param remaining {@code x-ratelimit-remaining}, or null when absent
   * @param resetSeconds {@code x-ratelimit-reset} in seconds, or null when absent
   */
  public synchronized void onResponse(Integer remaining, Double resetSeconds) {
    if (remaining != null && remaining <= headroom && resetSeconds != null && resetSeconds > 0) {
      extendBlock(clock.instant().plus(seconds(resetSeconds)));
    }
  }

  /**
   * Learns from a 429 and returns the earliest time to try again (the reset plus jitter), which
   * also blocks every permit until then.
   *
   * @param resetSeconds {@code x-ratelimit-reset}, or null
   * @param retryAfterSeconds {@code Retry-After} in seconds, or null
   */
  public synchronized Instant onRateLimited(Double resetSeconds, Double retryAfterSeconds) {
    Duration wait =
        resetSeconds != null
            ? seconds(resetSeconds)
            : retryAfterSeconds != null ? seconds(retryAfterSeconds) : window;
    long jitterNanos = (long) (random.getAsDouble() * maxJitter.toNanos());
    Instant notBefore = clock.instant().plus(wait).plusNanos(jitterNanos);
    extendBlock(notBefore);
    return notBefore;
  }

  /** Sends recorded within the current window. */
  public synchronized int sendsInWindow() {
    prune(clock.instant());
    return sends.size();
  }

  private void extendBlock(Instant until) {
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  private void prune(Instant now) {
    Instant horizon = now.minus(window).minus(margin);
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(horizon)) {
      sends.pollFirst();
    }
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (Math.max(0, s) * 1_000_000_000L));
  }
}
