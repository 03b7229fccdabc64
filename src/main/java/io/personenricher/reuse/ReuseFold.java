package io.personenricher.reuse;

import java.util.Optional;

/**
 * What the store holds for a key after one more record of the answers topic: a pure function of the
 * current value, the record and the record's timestamp, so every instance folding the topic in its
 * order (and a restore replaying it) arrives at the same value.
 *
 * <ul>
 *   <li>An answer replaces whatever was there, unless a later answer is already held.
 *   <li>A claim is accepted when nothing live holds the key: no answer within the time-to-live, and
 *       no other owner's claim before its end. The owner may renew its own claim. Of two tasks
 *       claiming at once, the one whose claim the topic holds first wins; the other sees the
 *       winner's claim and waits for its answer.
 *   <li>A release removes the key only when its owner's claim is what is held.
 * </ul>
 */
public final class ReuseFold {

  private ReuseFold() {}

  /**
   * @param current the stored claim or answer, or empty
   * @param timestampMs the incoming record's timestamp
   * @return the new stored value, or empty to remove the key
   */
  public static Optional<ReuseRecord> apply(
      Optional<ReuseRecord> current, ReuseRecord incoming, long timestampMs, long ttlMs) {
    ReuseRecord held = current.orElse(null);
    if (incoming instanceof ReuseRecord.Answer answer) {
      return held instanceof ReuseRecord.Answer heldAnswer
              && heldAnswer.answeredAtMs() > answer.answeredAtMs()
          ? current
          : Optional.of(answer);
    }
    if (incoming instanceof ReuseRecord.Claim claim) {
      return holdsAgainst(held, claim.owner(), timestampMs, ttlMs) ? current : Optional.of(claim);
    }
    String releasing = ((ReuseRecord.Release) incoming).owner();
    return held instanceof ReuseRecord.Claim heldClaim && heldClaim.owner().equals(releasing)
        ? Optional.empty()
        : current;
  }

  /** Whether the held value keeps {@code claimant}'s claim out at {@code atMs}. */
  private static boolean holdsAgainst(ReuseRecord held, String claimant, long atMs, long ttlMs) {
    if (held instanceof ReuseRecord.Answer answer) {
      return fresh(answer, atMs, ttlMs);
    }
    return held instanceof ReuseRecord.Claim claim
        && !claim.owner().equals(claimant)
        && claim.untilMs() > atMs;
  }

  /** Whether an answer is still within the time-to-live at {@code atMs}. */
  public static boolean fresh(ReuseRecord.Answer answer, long atMs, long ttlMs) {
    return atMs - answer.answeredAtMs() < ttlMs;
  }

  /** Whether a stored value is of no use any more at {@code atMs} (a sweep may drop it). */
  public static boolean expired(ReuseRecord stored, long atMs, long ttlMs) {
    if (stored instanceof ReuseRecord.Answer answer) {
      return !fresh(answer, atMs, ttlMs);
    }
    return !(stored instanceof ReuseRecord.Claim claim) || claim.untilMs() <= atMs;
  }
}
