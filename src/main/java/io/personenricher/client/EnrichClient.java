package io.personenricher.client;

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
   * Sends one request once the quota governor allows it. The stage always completes normally with
   * an outcome, never exceptionally: transport failures become {@link EnrichOutcome.Retriable}.
   */
  CompletionStage<EnrichOutcome> enrich(EnrichRequest request);

  /**
   * How long until the governor would let one more request go (zero when it would go now). Callers
   * use it to hold a batch open, and so fill it further, instead of queueing it inside the client.
   * While the client is halted this is the time until the next probe.
   */
  Duration delayUntilNextPermit();

  /** Why the client is halted, or empty while it sends normally. */
  Optional<HaltReason> haltReason();

  /** Releases connections; in-flight stages complete with a retriable outcome. */
  @Override
  void close();
}
