package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.IdentifierKind;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final BatchSettings settings =
      new BatchSettings(
          25,
          Duration.ofMillis(300),
          4,
          100,
          Duration.ofSeconds(1),
          5,
          Duration.ofSeconds(1),
          Duration.ofSeconds(8),
          Duration.ofMinutes(2),
          Duration.ofMillis(50),
          true,
          null,
          Duration.ZERO);
  private final RetryPolicy policy = new RetryPolicy(settings, new SplittableRandom(7));

  @Test
  void backoffDoublesWithJitterAndStaysUnderTheCap() {
    for (int failures = 1; failures <= 10; failures++) {
      long base = Math.min(8_000, 1_000L << (failures - 1));
      for (int i = 0; i < 50; i++) {
        assertThat(policy.backoffMs(failures)).isBetween(base / 2, base);
      }
    }
  }

  @Test
  void exhaustedAfterMaxFailuresOrPastTheDeadline() {
    GroupKey group = new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
    Batch fresh = new Batch(1, group, List.of(), 1, 4, 10_000, 0);
    assertThat(policy.exhausted(fresh, 10_000)).isFalse();
    assertThat(policy.exhausted(fresh.failed(), 10_000)).isTrue();
    assertThat(policy.exhausted(fresh, 10_000 + Duration.ofMinutes(2).toMillis())).isTrue();
  }

  @Test
  void theDeadlineDoesNotRunBeforeTheFirstCallReachedTheApi() {
    GroupKey group = new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
    Batch neverSent = Batch.fresh(1, group, List.of());
    assertThat(policy.exhausted(neverSent, Duration.ofDays(1).toMillis())).isFalse();
    assertThat(policy.exhausted(neverSent.called(5_000), 5_000 + Duration.ofMinutes(2).toMillis()))
        .isTrue();
  }
}
