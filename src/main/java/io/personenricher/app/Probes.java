package io.personenricher.app;

import io.personenricher.client.HaltReason;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How the processor's state maps to the Kubernetes probes.
 *
 * <ul>
 *   <li><b>Liveness</b> fails only when a restart can help: Kafka Streams in ERROR, or the process
 *       shutting down. A halt (401/402/403) keeps liveness up: restarting does not fix a key or buy
 *       credits, and a crash loop would hide the reason that readiness reports.
 *   <li><b>Readiness</b> passes only when Kafka Streams is RUNNING, the client is not halted (by
 *       the API, or by the application's own credit budget), and the schema registry answers (while
 *       it does not, events are held and nothing is dead-lettered; processing resumes by itself).
 * </ul>
 */
public final class Probes {

  private Probes() {}

  public static ProbeStatus liveness(KafkaStreams.State state, boolean shuttingDown) {
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
      return ProbeStatus.down(
          "failed",
          "Kafka Streams is " + state,
          "restart the instance; the log holds the exception that stopped the stream threads");
    }
    if (shuttingDown
        || state == KafkaStreams.State.PENDING_SHUTDOWN
        || state == KafkaStreams.State.NOT_RUNNING) {
      return ProbeStatus.down("shutting_down", "Kafka Streams is " + state, null);
    }
    return ProbeStatus.up("up");
  }

  public static ProbeStatus readiness(KafkaStreams.State state, Optional<HaltReason> halt) {
    return readiness(state, halt, Optional.empty());
  }

  /**
   * @param registryProblem why the schema registry cannot be used, while it cannot
   */
  public static ProbeStatus readiness(
      KafkaStreams.State state, Optional<HaltReason> halt, Optional<String> registryProblem) {
    return readiness(state, halt, registryProblem, Optional.empty());
  }

  /**
   * @param registryProblem why the schema registry cannot be used, while it cannot
   * @param budgetResumesAt while the credit budget is exhausted, when its next period starts
   */
  public static ProbeStatus readiness(
      KafkaStreams.State state,
      Optional<HaltReason> halt,
      Optional<String> registryProblem,
      Optional<Instant> budgetResumesAt) {
    if (halt.isPresent()) {
      return ProbeStatus.down("halted", halt.get().name(), action(halt.get(), budgetResumesAt));
    }
    if (registryProblem.isPresent()) {
      return ProbeStatus.down(
          "registry_unavailable",
          registryProblem.get(),
          "check enricher.schema.registry.url and the registry's health; the events that need it"
              + " are held (nothing is dead-lettered) and processing resumes by itself once it"
              + " answers");
    }
    if (state != KafkaStreams.State.RUNNING) {
      return ProbeStatus.down(
          state.name().toLowerCase(java.util.Locale.ROOT),
          "Kafka Streams is " + state,
          state == KafkaStreams.State.ERROR ? "restart the instance; see the log" : null);
    }
    return ProbeStatus.up("ready");
  }

  /** What an operator does about a halt; the client probes and resumes by itself once it clears. */
  public static String action(HaltReason reason) {
    return action(reason, Optional.empty());
  }

  /**
   * As above; for an exhausted credit budget, {@code budgetResumesAt} is when the next period
   * starts.
   */
  public static String action(HaltReason reason, Optional<Instant> budgetResumesAt) {
    String resume =
        "; processing resumes by itself within enricher.api.halt.probe.interval.ms once the API "
            + "accepts a probe (pending events are kept, nothing is dead-lettered)";
    return switch (reason) {
      case INVALID_API_KEY -> "fix enricher.api.key (env ENRICHER_API_KEY) and restart" + resume;
      case OUT_OF_CREDITS -> "buy credits for the account of enricher.api.key" + resume;
      case NOT_PERMITTED ->
          "enable Person Enrich on the plan of enricher.api.key, or use a key that has it" + resume;
      case BUDGET_EXHAUSTED ->
          "raise enricher.credits.budget or wait for the next period at "
              + budgetResumesAt.map(Instant::toString).orElse("the end of this one")
              + " (`enricher credits budget --raise-to N` raises it for every instance at once);"
              + " processing resumes by itself (pending events are kept, nothing is"
              + " dead-lettered)";
    };
  }
}
