package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

  private static final long SECOND = 1_000_000_000L;
  private final SlidingWindow window = new SlidingWindow(3, Duration.ofSeconds(10));

  @Test
  void admitsUpToTheLimitCountingDownRemainingThenRefuses() {
    assertThat(window.admit("k", 0, false)).isEqualTo(new RateDecision(true, 3, 2, 10));
    assertThat(window.admit("k", 2 * SECOND, false)).isEqualTo(new RateDecision(true, 3, 1, 8));
    assertThat(window.admit("k", 4 * SECOND, false)).isEqualTo(new RateDecision(true, 3, 0, 6));
    assertThat(window.admit("k", 5 * SECOND, false)).isEqualTo(new RateDecision(false, 3, 0, 5));
  }

  @Test
  void aRequestAgesOutExactlyOneWindowAfterItArrived() {
    for (int i = 0; i < 3; i++) {
      window.admit("k", i * SECOND, false);
    }
    assertThat(window.admit("k", 10 * SECOND - 1, false).allowed()).isFalse();
    RateDecision after = window.admit("k", 10 * SECOND, false);
    assertThat(after.allowed()).isTrue();
    assertThat(after.remaining()).isZero();
    assertThat(after.resetSeconds()).as("until the request of t=1s ages out").isEqualTo(1);
  }

  @Test
  void eachKeyHasItsOwnWindow() {
    for (int i = 0; i < 3; i++) {
      window.admit("a", 0, false);
    }
    assertThat(window.admit("a", 0, false).allowed()).isFalse();
    assertThat(window.admit("b", 0, false)).isEqualTo(new RateDecision(true, 3, 2, 10));
  }

  @Test
  void aForcedRefusalIsA429ThatDoesNotConsumeQuota() {
    RateDecision forced = window.admit("k", 0, true);
    assertThat(forced).isEqualTo(new RateDecision(false, 3, 3, 10));
    assertThat(window.admit("k", 0, false).remaining()).isEqualTo(2);
  }

  @Test
  void resetSecondsRoundUpSoWaitingThatLongAlwaysFindsRoom() {
    assertThat(SlidingWindow.ceilSeconds(0)).isZero();
    assertThat(SlidingWindow.ceilSeconds(1)).isEqualTo(1);
    assertThat(SlidingWindow.ceilSeconds(SECOND)).isEqualTo(1);
    assertThat(SlidingWindow.ceilSeconds(SECOND + 1)).isEqualTo(2);
  }

  @Test
  void theHeadersNameLimitRemainingAndReset() {
    assertThat(new RateDecision(true, 15, 14, 60).headers())
        .containsExactly(
            java.util.Map.entry("x-ratelimit-limit", "15"),
            java.util.Map.entry("x-ratelimit-remaining", "14"),
            java.util.Map.entry("x-ratelimit-reset", "60"));
    assertThat(RateDecision.untouched(15)).isEqualTo(new RateDecision(true, 15, 15, 0));
  }
}
