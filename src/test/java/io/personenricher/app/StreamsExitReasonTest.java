package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamsExitReasonTest {

  private static final Throwable WRAPPED =
      new StreamsException(
          "Exception caught in process. taskId=0_1",
          new UncheckedIOException("store unreadable", new IOException("disk full")));

  @Test
  void anExceptionIsNamedByClassAndMessageThenItsRootCause() {
    assertThat(StreamsExitReason.describe(WRAPPED))
        .isEqualTo(
            "org.apache.kafka.streams.errors.StreamsException: Exception caught in process. taskId=0_1"
                + " (root cause: java.io.IOException: disk full)");
  }

  @Test
  void anExceptionWithoutCauseOrMessageIsNamedByItsClassAlone() {
    assertThat(StreamsExitReason.describe(new IllegalStateException("boom")))
        .isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(StreamsExitReason.describe(new NullPointerException()))
        .isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void aStopAfterDyingThreadsNamesTheExceptionNotTheBroker() {
    String reason =
        StreamsExitReason.stopped(KafkaStreams.State.ERROR, WRAPPED, 3, Duration.ofMinutes(10));

    assertThat(reason)
        .startsWith("Kafka Streams stopped in state ERROR: the stream thread that died last failed")
        .contains("StreamsException: Exception caught in process. taskId=0_1")
        .contains("root cause: java.io.IOException: disk full")
        .contains("replaced at most 3 times per 10 min")
        .doesNotContain("bootstrap.servers");
  }

  @Test
  void aStopWithoutAThreadExceptionPointsAtTheLog() {
    assertThat(StreamsExitReason.stopped(KafkaStreams.State.ERROR, null, 3, Duration.ofMinutes(10)))
        .isEqualTo(
            "Kafka Streams stopped in state ERROR (no stream thread reported an exception; the log"
                + " holds the cause)");
  }

  @Test
  void aStartUpThatStopsNamesTheExceptionWhenAThreadDied() {
    assertThat(StreamsExitReason.stoppedDuringStartup(KafkaStreams.State.PENDING_ERROR, WRAPPED))
        .startsWith("Kafka Streams stopped during start-up (state PENDING_ERROR): the stream")
        .contains("root cause: java.io.IOException: disk full");
    assertThat(StreamsExitReason.stoppedDuringStartup(KafkaStreams.State.ERROR, null))
        .isEqualTo(
            "Kafka Streams stopped during start-up (state ERROR); the log above holds the cause");
  }

  @Test
  void aStartUpTimeoutBlamesTheBrokerOnlyWhenNoThreadDied() {
    Duration timeout = Duration.ofSeconds(120);

    assertThat(StreamsExitReason.notRunningInTime(timeout, KafkaStreams.State.REBALANCING, WRAPPED))
        .isEqualTo(
            "Kafka Streams did not reach RUNNING within 120 s (state REBALANCING): stream threads"
                + " keep dying; the last failed with "
                + StreamsExitReason.describe(WRAPPED))
        .doesNotContain("bootstrap.servers");
    assertThat(StreamsExitReason.notRunningInTime(timeout, KafkaStreams.State.REBALANCING, null))
        .isEqualTo(
            "Kafka Streams did not reach RUNNING within 120 s (state REBALANCING): check"
                + " enricher.bootstrap.servers and the broker's health");
  }
}
