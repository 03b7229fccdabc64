package io.personenricher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentDeadLettersTest {

  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private final RecentDeadLetters recent =
      new RecentDeadLetters(3, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void keepsTheLatestFewNewestFirstAndDropsTheOldest() {
    for (int i = 1; i <= 5; i++) {
      recent.add("RETRIES_EXHAUSTED", "server_error", bytes("rec-" + i), "p" + i + "@acme.com");
    }

    assertThat(recent.newestFirst())
        .extracting(RecentDeadLetters.Sample::key)
        .containsExactly("rec-5", "rec-4", "rec-3");
  }

  @Test
  void holdsTheIdentifierOnlyMaskedAndTheKeyAsText() {
    recent.add(
        "INVALID_EVENT", "invalid_min_similarity_score", bytes("rec-1"), "jane.doe@acme.com");
    recent.add("UNDECODABLE", "undecodable", null, null);

    assertThat(recent.newestFirst())
        .containsExactly(
            new RecentDeadLetters.Sample(NOW, "UNDECODABLE", "undecodable", null, null),
            new RecentDeadLetters.Sample(
                NOW, "INVALID_EVENT", "invalid_min_similarity_score", "rec-1", "j***@acme.com"));
    assertThat(recent.newestFirst().toString()).doesNotContain("jane.doe");
  }

  @Test
  void longKeysAreCut() {
    recent.add("INVALID_EVENT", "invalid_email", bytes("k".repeat(500)), "x");

    assertThat(recent.newestFirst().get(0).key()).hasSize(64).endsWith("…");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
