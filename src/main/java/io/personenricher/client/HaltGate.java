package io.personenricher.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a transport is halted by a fatal answer (401, 402, 403), and when its next probe may go:
 * while halted, one request per probe interval reaches the API; any non-fatal HTTP answer to it
 * ends the halt.
 *
 * <p>Threading notes: not thread-safe; {@link VertxApiTransport} calls it only under its lock, so
 * the halt and the transport's queue change together.
 */
final class HaltGate {

  private final Duration probeInterval;
  private HaltReason halt;
  private Instant nextProbeAt = Instant.MIN;
  private boolean probeInFlight;

  HaltGate(Duration probeInterval) {
    this.probeInterval = probeInterval;
  }

  /** Why the transport is halted, or null. */
  HaltReason reason() {
    return halt;
  }

  /** While halted: true when a new request may go now as the probe (and makes it the probe). */
  boolean admitProbe(Instant now) {
    if (probeInFlight || now.isBefore(nextProbeAt)) {
      return false;
    }
    probeInFlight = true;
    nextProbeAt = now.plus(probeInterval);
    return true;
  }

  /** Zero unless halted; then the time until the next probe may go. */
  Duration delay(Instant now) {
    return halt == null || !now.isBefore(nextProbeAt)
        ? Duration.ZERO
        : Duration.between(now, nextProbeAt);
  }

  /** The answer for a request that cannot go while halted. */
  EnrichOutcome.Fatal haltedAnswer(Instant now) {
    return new EnrichOutcome.Fatal(
        halt,
        null,
        "client halted (" + halt + "); not sent; next probe in " + delay(now).toSeconds() + " s");
  }

  /**
   * A call finished with {@code failure} (null for a usable answer).
   *
   * @param probe whether the call was the probe
   * @return what changed
   */
  Change finished(boolean probe, EnrichOutcome failure, Instant now) {
    if (probe) {
      probeInFlight = false;
    }
    if (failure instanceof EnrichOutcome.Fatal fatal) {
      boolean first = halt == null;
      if (first) {
        nextProbeAt = now.plus(probeInterval);
      }
      halt = fatal.reason();
      return first ? Change.HALTED : Change.STILL_HALTED;
    }
    if (probe && halt != null && (failure == null || failure.httpStatus() != null)) {
      halt = null;
      return Change.RESUMED;
    }
    return Change.NONE;
  }

  /** What a finished call did to the halt. */
  enum Change {
    NONE,
    HALTED,
    STILL_HALTED,
    RESUMED
  }
}
