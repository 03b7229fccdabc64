package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaGovernorTest {

  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  private QuotaGovernor governor(
      int limit, Duration window, int headroom, Duration jitter, double random) {
    return new QuotaGovernor(limit, window, headroom, jitter, clock, () -> random);
  }

  @Test
  void grantsExactlyTheLimitWithinOneWindow() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    for (int i = 0; i < 15; i++) {
      assertThat(g.tryAcquire()).as("permit %d", i).isTrue();
    }
    assertThat(g.tryAcquire()).isFalse();
    assertThat(g.sendsInWindow()).isEqualTo(15);
  }

  @Test
  void nextPermitIsFreeWhenTheOldestSendAgesOutPlusTheMargin() {
    QuotaGovernor g = governor(2, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    g.tryAcquire();
    clock.advance(Duration.ofSeconds(10));
    g.tryAcquire();
    // 60 s window, margin = min(5 % of 60 s, 1 s) = 1 s; oldest send at T0.
    assertThat(g.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(51));
    clock.advance(Duration.ofSeconds(51));
    assertThat(g.delayUntilNextPermit()).isZero();
    assertThat(g.tryAcquire()).isTrue();
    // Now the send at T0+10 s is the one that matters.
    assertThat(g.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aSimulatedHourOfGreedySendingNeverPutsMoreThanTheLimitInAnyWindow() {
    Duration window = Duration.ofSeconds(60);
    QuotaGovernor g = governor(15, window, 0, Duration.ZERO, 0);
    List<Instant> sends = new ArrayList<>();
    Instant end = T0.plus(Duration.ofHours(1));
    while (clock.instant().isBefore(end)) {
      if (g.tryAcquire()) {
        sends.add(clock.instant());
      } else {
        clock.advance(g.delayUntilNextPermit());
      }
    }
    for (int i = 0; i < sends.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < sends.size() && sends.get(j).isBefore(sends.get(i).plus(window)); j++) {
        inWindow++;
      }
      assertThat(inWindow).as("sends in the window starting at send %d", i).isLessThanOrEqualTo(15);
    }
    // Greedy but not timid: close to 15 per 61 s (window + margin) over the hour.
    assertThat(sends.size()).isBetween(15 * 59, 15 * 60 + 15);
  }

  @Test
  void stopsWhenServerReportsRemainingAtHeadroomUntilReset() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 2, Duration.ZERO, 0);
    g.onResponse(3, 40.0);
    assertThat(g.delayUntilNextPermit()).isZero();
    g.onResponse(2, 40.0);
    assertThat(g.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(40));
    assertThat(g.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(40));
    assertThat(g.tryAcquire()).isTrue();
  }

  @Test
  void ignoresMissingRateLimitHeaders() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    g.onResponse(null, null);
    g.onResponse(0, null);
    assertThat(g.delayUntilNextPermit()).isZero();
  }

  @Test
  void afterA429WaitsForTheResetPlusJitter() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ofSeconds(2), 0.5);
    Instant notBefore = g.onRateLimited(30.0, 99.0);
    assertThat(notBefore).isEqualTo(T0.plusSeconds(31));
    assertThat(g.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(31));
    clock.advance(Duration.ofSeconds(31));
    assertThat(g.tryAcquire()).isTrue();
  }

  @Test
  void jitterNeverExceedsTheConfiguredMaximum() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ofMillis(800), 0.999999);
    Instant notBefore = g.onRateLimited(5.0, null);
    assertThat(notBefore).isBetween(T0.plusSeconds(5), T0.plusSeconds(5).plusMillis(800));
  }

  @Test
  void after429WithoutResetFallsBackToRetryAfterThenToOneWindow() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    assertThat(g.onRateLimited(null, 7.0)).isEqualTo(T0.plusSeconds(7));
    QuotaGovernor h = governor(15, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    assertThat(h.onRateLimited(null, null)).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aShorterLaterBlockNeverShortensAnEarlierOne() {
    QuotaGovernor g = governor(15, Duration.ofSeconds(60), 0, Duration.ZERO, 0);
    g.onRateLimited(30.0, null);
    g.onResponse(0, 5.0);
    assertThat(g.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(30));
  }
}
