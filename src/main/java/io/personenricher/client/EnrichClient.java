package io.personenricher.client;

import io.personenricher.quota.Permit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Person Enrich API as the topology sees it. Implementations are shared by every stream thread
 * of an instance, so they must be thread-safe.
 *
 * <p>Threading notes: {@link #enrich} never blocks the caller; its stage completes on an I/O
 * thread, so callers must hand the outcome back to their own thread before touching any state.
 * Every other method is a cheap, non-blocking read.
 */
public interface EnrichClient extends AutoCloseable {

  /**
   * Sends one request at its permit's time ({@link Permit#sendAtMs()}), or answers {@code NOT_SENT}
   * when it cannot leave by {@link Permit#sendByMs()}. The stage always completes normally with an
   * outcome, never exceptionally: transport failures become {@link EnrichOutcome.Retriable}. The
   * quota ({@link io.personenricher.quota.PermitBroker}) decides when a request may go; the client
   * only keeps the time it was given.
   */
  CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit);

  /** Sends one request now, outside any schedule (tools and tests). */
  default CompletionStage<EnrichOutcome> enrich(EnrichRequest request) {
    return enrich(
        request, Permit.now(request.endpoint(), System.currentTimeMillis(), Permit.Kind.FULL));
  }

  /**
   * How long until the client takes a request (zero when it would now): while it is halted, the
   * time until the next probe may go; otherwise zero. Callers ask before they spend a permit.
   */
  Duration delayUntilNextPermit();

  /** Why the client is halted, or empty while it sends normally. */
  Optional<HaltReason> haltReason();

  /** Releases connections; in-flight stages complete with a retriable outcome. */
  @Override
  void close();
}
