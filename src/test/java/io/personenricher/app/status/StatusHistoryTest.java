package io.personenricher.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.metrics.MetricsSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {

  private static MetricsSnapshot at(long second) {
    return new MetricsSnapshot(
        Instant.ofEpochSecond(second),
        0,
        Map.of(),
        Map.of(),
        Map.of(),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        -1,
        -1,
        0,
        0,
        List.of());
  }

  @Test
  void keepsTheNewestSamplesUpToItsCapacityOldestFirst() {
    StatusHistory history = new StatusHistory(3);
    for (long s = 1; s <= 5; s++) {
      history.add(at(s));
    }

    assertThat(history.samples())
        .extracting(MetricsSnapshot::at)
        .containsExactly(
            Instant.ofEpochSecond(3), Instant.ofEpochSecond(4), Instant.ofEpochSecond(5));
  }

  @Test
  void theDefaultCoversFiveMinutesOfTwoSecondSamples() {
    StatusHistory history = new StatusHistory();
    for (long s = 0; s < 1000; s++) {
      history.add(at(s));
    }

    assertThat(history.samples()).hasSize(151);
  }
}
