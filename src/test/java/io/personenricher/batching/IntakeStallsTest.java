package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntakeStallsTest {

  private final IntakeStalls stalls = new IntakeStalls(100);

  @Test
  void aRecordAfterALongerSilenceThanTheStallIsWhereTheLingerCountsFrom() {
    stalls.called(1_000);
    stalls.recordArrived(1_010);
    stalls.recordArrived(1_380);

    assertThat(stalls.resumedAtMs()).isEqualTo(1_380);
  }

  @Test
  void recordsAndPunctuationsWithinTheStallAreNoStall() {
    stalls.called(1_000);
    stalls.recordArrived(1_100);
    stalls.called(1_190);
    stalls.called(1_250);
    stalls.recordArrived(1_350);

    assertThat(stalls.resumedAtMs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aSilenceThatEndsInAPunctuationRestartsNothing() {
    stalls.recordArrived(1_000);
    stalls.called(2_000);
    stalls.recordArrived(2_010);

    assertThat(stalls.resumedAtMs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void theLatestStallCounts() {
    stalls.recordArrived(1_000);
    stalls.recordArrived(1_500);
    stalls.recordArrived(1_550);
    stalls.recordArrived(2_000);

    assertThat(stalls.resumedAtMs()).isEqualTo(2_000);
  }

  @Test
  void theFirstRecordOfATaskIsNoStall() {
    stalls.recordArrived(5_000);

    assertThat(stalls.resumedAtMs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aStallIsTwoPunctuationIntervalsAndAtLeastATenthOfASecond() {
    IntakeStalls slow = IntakeStalls.atPunctuationsOf(Duration.ofMillis(200));
    slow.recordArrived(1_000);
    slow.recordArrived(1_400);
    slow.recordArrived(1_801);
    IntakeStalls fast = IntakeStalls.atPunctuationsOf(Duration.ofMillis(5));
    fast.recordArrived(1_000);
    fast.recordArrived(1_100);

    assertThat(slow.resumedAtMs()).isEqualTo(1_801);
    assertThat(fast.resumedAtMs()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aStallOfLessThanAMillisecondIsRefused() {
    assertThatThrownBy(() -> new IntakeStalls(0)).hasMessageContaining("at least 1 ms");
  }
}
