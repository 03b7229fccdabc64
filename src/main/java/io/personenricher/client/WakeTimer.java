package io.personenricher.client;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One Vert.x timer that runs an action at the earliest time asked for: the transport's wake-up for
 * the next permit time. Asking for a later time than the one armed changes nothing; an earlier one
 * replaces it.
 *
 * <p>Threading notes: {@link #wakeIn} and {@link #cancel} are called under the transport's lock;
 * the timer fires on an event loop, clears itself under the same lock, then runs the action outside
 * it.
 */
final class WakeTimer {

  private final Vertx vertx;
  private final Clock clock;
  private final Object lock;
  private final Runnable action;
  private long timerId = -1;
  private Instant wakeAt = Instant.MAX;

  WakeTimer(Vertx vertx, Clock clock, Object lock, Runnable action) {
    this.vertx = vertx;
    this.clock = clock;
    this.lock = lock;
    this.action = action;
  }

  /** Under the lock: makes sure the action runs again after {@code delay}. */
  void wakeIn(Duration delay) {
    long millis = Math.max(1, (delay.toNanos() + 999_999) / 1_000_000);
    Instant due = clock.instant().plusMillis(millis);
    if (timerId >= 0 && !wakeAt.isAfter(due)) {
      return;
    }
    cancel();
    wakeAt = due;
    timerId =
        vertx.setTimer(
            millis,
            id -> {
              synchronized (lock) {
                if (timerId == id) {
                  timerId = -1;
                  wakeAt = Instant.MAX;
                }
              }
              action.run();
            });
  }

  /** Under the lock. */
  void cancel() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
      wakeAt = Instant.MAX;
    }
  }
}
