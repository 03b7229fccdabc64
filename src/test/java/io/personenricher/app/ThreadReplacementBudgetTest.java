package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThreadReplacementBudgetTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final HandClock clock = new HandClock();
  private final ThreadReplacementBudget budget =
      new ThreadReplacementBudget(3, Duration.ofMinutes(10), clock);

  @Test
  void allowsThreeReplacementsWithinTheWindowAndRefusesTheFourth() {
    assertThat(budget.tryReplace()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(budget.tryReplace()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(budget.tryReplace()).isTrue();
    clock.advance(Duration.ofMinutes(1));

    assertThat(budget.tryReplace()).isFalse();
    assertThat(budget.used()).isEqualTo(3);
  }

  @Test
  void replacementsOlderThanTheWindowNoLongerCount() {
    budget.tryReplace();
    budget.tryReplace();
    budget.tryReplace();
    clock.advance(Duration.ofMinutes(10));

    assertThat(budget.tryReplace()).isTrue();
    assertThat(budget.used()).isEqualTo(1);
  }
}
