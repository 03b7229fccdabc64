package io.personenricher.app;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Why Kafka Streams stopped or never got to RUNNING, in the words {@code run} logs and prints at
 * exit. When a stream thread died, the reason names the exception that killed the last one (class,
 * message and root cause): blaming the broker then would send the operator the wrong way.
 */
final class StreamsExitReason {

  private StreamsExitReason() {}

  /**
   * {@code class: message}, then {@code (root cause class: message)} when the chain ends in another
   * exception; Kafka Streams wraps a processor's exception in a {@code StreamsException}, so the
   * root cause is usually the one to read.
   */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? oneLine(error) : oneLine(error) + " (root cause: " + oneLine(root) + ")";
  }

  /** Kafka Streams stopped by itself after start-up (state ERROR). */
  static String stopped(
      KafkaStreams.State state, Throwable lastThreadError, int maxReplacements, Duration window) {
    String stopped = "Kafka Streams stopped in state " + state;
    if (lastThreadError == null) {
      return stopped + " (no stream thread reported an exception; the log holds the cause)";
    }
    return stopped
        + ": the stream thread that died last failed with "
        + describe(lastThreadError)
        + " (a dead stream thread is replaced at most "
        + maxReplacements
        + " times per "
        + window.toMinutes()
        + " min)";
  }

  /** Kafka Streams stopped (ERROR, PENDING_ERROR, NOT_RUNNING) before it reached RUNNING. */
  static String stoppedDuringStartup(KafkaStreams.State state, Throwable lastThreadError) {
    String stopped = "Kafka Streams stopped during start-up (state " + state + ")";
    return lastThreadError == null
        ? stopped + "; the log above holds the cause"
        : stopped + ": the stream thread that died last failed with " + describe(lastThreadError);
  }

  /** Kafka Streams was still short of RUNNING when the start-up timeout passed. */
  static String notRunningInTime(
      Duration timeout, KafkaStreams.State state, Throwable lastThreadError) {
    String late =
        "Kafka Streams did not reach RUNNING within "
            + timeout.toSeconds()
            + " s (state "
            + state
            + ")";
    return lastThreadError == null
        ? late + ": check enricher.bootstrap.servers and the broker's health"
        : late + ": stream threads keep dying; the last failed with " + describe(lastThreadError);
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + message.replace(System.lineSeparator(), " ");
  }
}
