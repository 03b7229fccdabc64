package io.personenricher.quota;

/**
 * The right to send one request to an endpoint at {@code sendAtMs} (wall clock): not earlier, and
 * not much later, so that the requests of every instance stay spaced as the quota's slot grid
 * spaces them.
 *
 * @param sendByMs the latest time the request may still leave; past it the permit is void (the
 *     client answers "not sent" rather than break the spacing of the schedule)
 * @param kind the class of batch the permit was granted for; the task sends its best batch of that
 *     class (or better)
 */
public record Permit(Endpoint endpoint, long sendAtMs, long sendByMs, Kind kind) {

  /** A permit to send at once, with no schedule to keep (tests, runs without a quota). */
  public static Permit now(Endpoint endpoint, long nowMs, Kind kind) {
    return new Permit(endpoint, nowMs, Long.MAX_VALUE, kind);
  }

  /** Why a batch got the permit, best first. */
  public enum Kind {
    /** A full batch (or a retry). */
    FULL,
    /** A partial batch that waited {@code enricher.batch.max.wait.ms}, or a drain. */
    DUE,
    /** A partial batch on a permit no full batch anywhere claimed. */
    SURPLUS
  }
}
