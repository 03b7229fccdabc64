package io.personenricher.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.app.ProbeStatus;
import io.personenricher.metrics.MetricsSnapshot;
import io.personenricher.metrics.RecentDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusDocumentTest {

  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
  private static final ProbeStatus READY = ProbeStatus.up("ready");
  private static final ProbeStatus HALTED =
      ProbeStatus.down("halted", "INVALID_API_KEY", "fix enricher.api.key and restart");

  /** 15 requests per 60 s, batches of 25. */
  private final StatusDocument status =
      new StatusDocument(new StatusDocument.Limits(25, 15, Duration.ofSeconds(60)));

  /** A snapshot {@code seconds} after T0 with the given cumulative figures. */
  private static MetricsSnapshot at(
      int seconds, double in, double batches, double identifiers, double events, long pending) {
    return new MetricsSnapshot(
        T0.plusSeconds(seconds),
        in,
        Map.of("enriched", in * 0.8, "dead_letter", in * 0.2),
        Map.of("server_error", in * 0.2),
        Map.of("RETRIES_EXHAUSTED", in * 0.2),
        batches,
        identifiers,
        events,
        0,
        0,
        batches * 10,
        1,
        pending,
        4,
        15,
        12.5,
        0,
        List.of(
            new RecentDeadLetters.Sample(
                T0, "RETRIES_EXHAUSTED", "server_error", "rec-1", "j***@acme.com")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> doc, String name) {
    return (Map<String, Object>) doc.get(name);
  }

  @Test
  void totalsAreTheCountersSinceStart() {
    Map<String, Object> doc = status.build(List.of(), at(0, 100, 4, 80, 90, 0), READY, Map.of());

    assertThat(section(doc, "totals"))
        .containsEntry("in", 100.0)
        .containsEntry("enriched", 80.0)
        .containsEntry("deadLetter", 20.0)
        .containsEntry("unmatched", 0.0)
        .containsEntry("requests", 4.0)
        .containsEntry("credits", 40.0);
    assertThat(doc).doesNotContainKey("halt");
  }

  @Test
  void batchFillIsMeasuredOverTheHistoryAndFallsBackToSinceStart() {
    MetricsSnapshot first = at(0, 0, 10, 100, 100, 0);

    // 2 requests with 50 identifiers in the history: 100% of 25.
    assertThat(status.fillPercent(first, at(10, 0, 12, 150, 150, 0))).isEqualTo(100.0);
    // No request in the history: the lifetime average, 100 / 10 / 25 = 40%.
    assertThat(status.fillPercent(first, at(10, 0, 10, 100, 100, 0))).isEqualTo(40.0);
    assertThat(status.fillPercent(at(0, 0, 0, 0, 0, 0), at(10, 0, 0, 0, 0, 0))).isNull();
  }

  @Test
  void drainTimeIsTheBacklogInRequestsAtThisInstancesQuota() {
    MetricsSnapshot first = at(0, 0, 0, 0, 0, 0);

    // 1,000 events at 20 per request = 50 requests; 15 per 60 s = 200 s.
    assertThat(status.drainSeconds(first, at(60, 0, 5, 100, 100, 1000), false)).isEqualTo(200.0);
    // Before any request: full batches of 25, 40 requests = 160 s.
    assertThat(status.drainSeconds(first, at(60, 0, 0, 0, 0, 1000), false)).isEqualTo(160.0);
    assertThat(status.drainSeconds(first, at(60, 0, 5, 100, 100, 0), false)).isZero();
    assertThat(status.drainSeconds(first, at(60, 0, 5, 100, 100, 1000), true)).isNull();
  }

  @Test
  void requestsInTheWindowNeverCountARequestFromBeforeIt() {
    List<MetricsSnapshot> samples = new ArrayList<>();
    for (int s = 0; s <= 100; s += 10) {
      samples.add(at(s, 0, s / 2.0, 0, 0, 0));
    }

    // At 100 s the 60-s window starts at 40 s: 50 - 20 = 30 requests.
    assertThat(status.requestsInWindow(samples, samples.size() - 1)).isEqualTo(30.0);
    // At 30 s the window reaches before the history: counted from its first sample.
    assertThat(status.requestsInWindow(samples, 3)).isEqualTo(15.0);
  }

  @Test
  void seriesHoldOneRatePerIntervalForTheCharts() {
    List<MetricsSnapshot> history =
        List.of(at(0, 0, 0, 0, 0, 0), at(2, 10, 1, 25, 25, 5), at(4, 10, 1, 25, 25, 0));

    Map<String, Object> doc = status.build(history, at(4, 10, 1, 25, 25, 0), READY, Map.of());

    Map<String, Object> series = section(doc, "series");
    assertThat(series.get("t"))
        .isEqualTo(List.of(T0.getEpochSecond() + 2.0, T0.getEpochSecond() + 4.0));
    assertThat(series.get("inPerSecond")).isEqualTo(List.of(5.0, 0.0));
    assertThat(series.get("enrichedPerSecond")).isEqualTo(List.of(4.0, 0.0));
    assertThat(series.get("batchFillPercent")).isEqualTo(java.util.Arrays.asList(100.0, null));
    assertThat(series.get("pending")).isEqualTo(List.of(5L, 0L));
    assertThat(doc.get("spanSeconds")).isEqualTo(4.0);
  }

  @Test
  void theLastSendIsWhenTheRequestCounterLastMoved() {
    List<MetricsSnapshot> samples =
        List.of(
            at(0, 0, 0, 0, 0, 9),
            at(2, 0, 3, 0, 0, 9),
            at(4, 0, 3, 0, 0, 9),
            at(30, 0, 3, 0, 0, 9));

    assertThat(StatusDocument.lastSendSecondsAgo(samples)).isEqualTo(28.0);
    assertThat(StatusDocument.lastSendSecondsAgo(samples.subList(2, 4))).isNull();
  }

  @Test
  void aHaltAddsTheBannerSectionWithReasonAndAction() {
    Map<String, Object> doc = status.build(List.of(), at(0, 0, 0, 0, 0, 3), HALTED, Map.of());

    assertThat(section(doc, "halt"))
        .isEqualTo(
            Map.of("reason", "INVALID_API_KEY", "action", "fix enricher.api.key and restart"));
    assertThat(section(doc, "readiness")).containsEntry("status", "halted");
    assertThat(section(doc, "now")).containsEntry("drainSeconds", null);
  }

  @Test
  void quotaSectionComparesTheWindowWithTheLimitsOfThisInstanceAndTheKey() {
    Map<String, Object> doc =
        status.build(List.of(at(0, 0, 0, 0, 0, 0)), at(30, 0, 6, 0, 0, 0), READY, Map.of());

    assertThat(section(doc, "quota"))
        .containsEntry("limit", 15)
        .containsEntry("windowSeconds", 60.0)
        .containsEntry("requestsInWindow", 6.0)
        .containsEntry("keyLimit", 15L)
        .containsEntry("keyRemaining", 4L);
  }

  @Test
  void deadLettersListTheLatestAlreadyMasked() {
    Map<String, Object> doc = status.build(List.of(), at(0, 10, 0, 0, 0, 0), READY, Map.of());

    Map<String, Object> deadLetters = section(doc, "deadLetters");
    assertThat(deadLetters.get("byReason")).isEqualTo(Map.of("RETRIES_EXHAUSTED", 2.0));
    assertThat(deadLetters.get("latest"))
        .isEqualTo(
            List.of(
                Map.of(
                    "at", T0.toString(),
                    "reason", "RETRIES_EXHAUSTED",
                    "errorClass", "server_error",
                    "key", "rec-1",
                    "identifier", "j***@acme.com")));
  }

  @Test
  void optionalSectionsArePassedThroughForThePageToShowAsCards() {
    Map<String, Object> doc =
        status.build(
            List.of(),
            at(0, 0, 0, 0, 0, 0),
            READY,
            Map.of("Quota share", Map.of("instances", 3, "requests per window", 5)));

    assertThat(section(doc, "sections"))
        .isEqualTo(Map.of("Quota share", Map.of("instances", 3, "requests per window", 5)));
  }
}
