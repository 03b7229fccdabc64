package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntakeStallsTest {

  private final IntakeStalls stalls = new IntakeStalls(100, 60_000);

  @Test
  void aRecordAfterALongerSilenceThanTheStallIsWhereTheLingerCountsFrom() {
    stalls.called(1_000);
    stalls.recordArrived(1_010);
    stalls.recordArrived(1_380);

    assertThat(stalls.lingerFromMs(1_010)).isEqualTo(1_380);
    assertThat(stalls.lingerFromMs(1_380))
        .as("a batch that began with that record lingers from it")
        .isEqualTo(1_380);
    assertThat(stalls.lingerFromMs(1_400)).isEqualTo(1_400);
  }

  @Test
  void recordsAndPunctuationsWithinTheStallAreNoStall() {
    stalls.called(1_000);
    stalls.recordArrived(1_100);
    stalls.called(1_190);
    stalls.called(1_250);
    stalls.recordArrived(1_350);

    assertThat(stalls.lingerFromMs(1_000)).isEqualTo(1_000);
  }

  @Test
  void aSilenceThatEndsInAPunctuationRestartsNothing() {
    stalls.recordArrived(1_000);
    stalls.called(2_000);
    stalls.recordArrived(2_010);

    assertThat(stalls.lingerFromMs(1_000)).isEqualTo(1_000);
  }

  @Test
  void aBatchLingersAgainOnceOnlyFromTheFirstStallAfterItsOldestEvent() {
    // A thread so busy that every turn of the task is a stall.
    stalls.recordArrived(1_000);
    stalls.recordArrived(1_150);
    stalls.recordArrived(1_300);
    stalls.recordArrived(1_450);

    assertThat(stalls.lingerFromMs(1_000)).isEqualTo(1_150);
    assertThat(stalls.lingerFromMs(1_200)).isEqualTo(1_300);
  }

  @Test
  void resumptionsOlderThanTheMaxWaitAreForgotten() {
    IntakeStalls shortWait = new IntakeStalls(100, 1_000);
    shortWait.recordArrived(1_000);
    shortWait.recordArrived(1_500);
    shortWait.recordArrived(3_000);

    assertThat(shortWait.lingerFromMs(1_200))
        .as("1 500 is forgotten at 3 000; a batch that old is due anyway")
        .isEqualTo(3_000);
  }

  @Test
  void theFirstRecordOfATaskIsNoStall() {
    stalls.recordArrived(5_000);

    assertThat(stalls.lingerFromMs(4_000)).isEqualTo(4_000);
  }

  @Test
  void aStallIsTwoPunctuationIntervalsAndAtLeastATenthOfASecond() {
    IntakeStalls slow = IntakeStalls.of(Duration.ofMillis(200), Duration.ofSeconds(60));
    slow.recordArrived(1_000);
    slow.recordArrived(1_400);
    slow.recordArrived(1_801);
    IntakeStalls fast = IntakeStalls.of(Duration.ofMillis(5), Duration.ofSeconds(60));
    fast.recordArrived(1_000);
    fast.recordArrived(1_100);

    assertThat(slow.lingerFromMs(1_000)).isEqualTo(1_801);
    assertThat(fast.lingerFromMs(1_000)).isEqualTo(1_000);
  }

  @Test
  void aStallOfLessThanAMillisecondIsRefused() {
    assertThatThrownBy(() -> new IntakeStalls(0, 1_000)).hasMessageContaining("at least 1 ms");
  }
}
