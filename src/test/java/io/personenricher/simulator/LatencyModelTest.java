package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  private final SplittableRandom random = new SplittableRandom(1);

  @Test
  void fixedAlwaysGivesTheSameLatency() {
    LatencyModel fixed = LatencyModel.fixed(Duration.ofMillis(40));
    assertThat(
            IntStream.range(0, 100).mapToLong(i -> fixed.sampleMillis(random)).distinct().toArray())
        .containsExactly(40L);
  }

  @Test
  void theWorkOnARequestCountsIntoItsLatencyAndNeverMakesTheAnswerEarly() {
    assertThat(LatencyModel.delayLeftMillis(300, 0)).isEqualTo(300);
    assertThat(LatencyModel.delayLeftMillis(300, 2_000_000)).isEqualTo(298);
    // 2.3 ms of work leaves 297.7 ms: waiting 297 would answer 0.3 ms early.
    assertThat(LatencyModel.delayLeftMillis(300, 2_300_000)).isEqualTo(298);
    assertThat(LatencyModel.delayLeftMillis(300, 300_000_000)).isZero();
    assertThat(LatencyModel.delayLeftMillis(300, 450_000_000)).isZero();
    assertThat(LatencyModel.delayLeftMillis(0, 1_000)).isZero();
  }

  @Test
  void uniformStaysWithinItsBoundsAndUsesThem() {
    LatencyModel uniform = LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(20));
    long[] samples =
        IntStream.range(0, 2_000).mapToLong(i -> uniform.sampleMillis(random)).toArray();
    assertThat(java.util.Arrays.stream(samples).min().orElseThrow()).isEqualTo(10L);
    assertThat(java.util.Arrays.stream(samples).max().orElseThrow()).isEqualTo(20L);
  }

  @Test
  void longTailSendsAboutTheConfiguredShareToTheTail() {
    LatencyModel tail =
        LatencyModel.longTail(
            Duration.ofMillis(1), Duration.ofMillis(5), 0.1, Duration.ofMillis(900));
    long slow =
        IntStream.range(0, 10_000)
            .mapToLong(i -> tail.sampleMillis(random))
            .filter(s -> s == 900)
            .count();
    assertThat(slow).isBetween(800L, 1_200L);
  }

  @Test
  void rejectsInconsistentBounds() {
    assertThatThrownBy(() -> LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LatencyModel.longTail(Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
