package io.personenricher.batching;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Hands completed API calls to the {@link OutcomeApplier} and sends the next batches, in the order
 * that keeps the API busy: a call's slot is refilled before its outputs are written.
 *
 * <p>Writing the outputs of an answered batch (routing, encoding, the cache and the pending store)
 * is the slow part of handling it. Done first, it would sit between one call's answer and the next
 * call's request, once per call, and with many calls landing together each would wait for all
 * before it. So every completion that has landed is decided at once; those that leave something to
 * send again (a retry, the halves of a bisected batch, a batch held by a halt) are carried out
 * right away, which is cheap and makes their batches count against the in-flight bound; then the
 * freed slots are refilled; then the answers are written one call at a time, refilling slots again
 * whenever more calls land in between.
 *
 * <p>Threading notes: stream thread only.
 */
final class CompletionPump {

  /** Decides and carries out what a completed call comes to (the {@link OutcomeApplier}). */
  interface Outcomes {
    OutcomeDecision decide(Completion completion, long nowMs);

    void apply(OutcomeDecision decision, long nowMs);
  }

  /** Sends what may go now (the {@link BatchDispatcher}). */
  @FunctionalInterface
  interface Dispatch {
    void dispatch(long nowMs);
  }

  private final InFlightTable inFlight;
  private final Outcomes outcomes;
  private final Dispatch dispatch;
  private final LongSupplier clock;
  private final ArrayDeque<OutcomeDecision> unwritten = new ArrayDeque<>();

  CompletionPump(InFlightTable inFlight, Outcomes outcomes, Dispatch dispatch, LongSupplier clock) {
    this.inFlight = inFlight;
    this.outcomes = outcomes;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  /** Completions in, batches out, until neither moves. */
  void run() {
    while (true) {
      long now = clock.getAsLong();
      if (take(now)) {
        dispatch.dispatch(now);
      }
      OutcomeDecision next = unwritten.poll();
      if (next != null) {
        outcomes.apply(next, now);
        continue;
      }
      dispatch.dispatch(now);
      // A send may have completed at once (a cached or failed call).
      if (!inFlight.hasCompletions()) {
        return;
      }
    }
  }

  /** Takes every completion that has landed; true when there was any. */
  private boolean take(long now) {
    boolean took = false;
    Completion completion;
    while ((completion = inFlight.poll()) != null) {
      took = true;
      OutcomeDecision decision = outcomes.decide(completion, now);
      if (leavesRetries(decision)) {
        outcomes.apply(decision, now);
      } else {
        unwritten.add(decision);
      }
    }
    return took;
  }

  /** Whether carrying out {@code decision} leaves anything to send again. */
  static boolean leavesRetries(OutcomeDecision decision) {
    return !(decision instanceof OutcomeDecision.Answered
        || decision instanceof OutcomeDecision.Failed);
  }
}
