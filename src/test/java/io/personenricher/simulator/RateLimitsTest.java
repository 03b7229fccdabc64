package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void theApiWindowReportsTheConfiguredLimit() {
    assertThat(RateLimits.perMinute(15, Duration.ofSeconds(60))).isEqualTo(15);
  }

  @Test
  void aScaledDownWindowReportsTheSameRateOverAMinute() {
    assertThat(RateLimits.perMinute(60, Duration.ofSeconds(10))).isEqualTo(360);
    assertThat(RateLimits.perMinute(5, Duration.ofSeconds(30))).isEqualTo(10);
    assertThat(RateLimits.perMinute(300, Duration.ofMillis(250))).isEqualTo(72_000);
  }

  @Test
  void aRateThatIsNotWholePerMinuteIsRoundedDown() {
    assertThat(RateLimits.perMinute(2, Duration.ofSeconds(7))).isEqualTo(17);
    assertThat(RateLimits.perMinute(1, Duration.ofMinutes(2))).isZero();
  }
}
