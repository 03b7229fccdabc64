package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.testutil.Events;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

  private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

  private static DeadLetter deadLetter(
      DeadLetterReason reason, String errorClass, Instant at, String rawKey) {
    return DeadLetter.newBuilder()
        .setEvent(Events.email("jane@acme.com"))
        .setRawKey(rawKey == null ? null : ByteBuffer.wrap(bytes(rawKey)))
        .setReason(reason)
        .setErrorClass(errorClass)
        .setErrorMessage("gave up")
        .setSourceTopic("in")
        .setSourcePartition(0)
        .setSourceOffset(7)
        .setFailedAt(at)
        .build();
  }

  private static final DeadLetter STORM =
      deadLetter(DeadLetterReason.RETRIES_EXHAUSTED, "server_error", NOON, "rec-1");

  private static ReplayFilter filter(
      Set<DeadLetterReason> reasons,
      Set<String> classes,
      Instant since,
      Instant until,
      String key) {
    return new ReplayFilter(
        reasons,
        classes,
        Optional.ofNullable(since),
        Optional.ofNullable(until),
        Optional.ofNullable(key));
  }

  @Test
  void withoutConditionsEverythingIsReplayed() {
    assertThat(ReplayFilter.all().matches(STORM, null)).isTrue();
  }

  @Test
  void reasonsAndErrorClassesSelectByMembership() {
    assertThat(
            filter(Set.of(DeadLetterReason.RETRIES_EXHAUSTED), Set.of(), null, null, null)
                .matches(STORM, null))
        .isTrue();
    assertThat(
            filter(Set.of(DeadLetterReason.INVALID_EVENT), Set.of(), null, null, null)
                .matches(STORM, null))
        .isFalse();
    assertThat(
            filter(Set.of(), Set.of("timeout", "server_error"), null, null, null)
                .matches(STORM, null))
        .isTrue();
    assertThat(filter(Set.of(), Set.of("timeout"), null, null, null).matches(STORM, null))
        .isFalse();
  }

  @Test
  void sinceIsInclusiveAndUntilExclusiveOnFailedAt() {
    assertThat(filter(Set.of(), Set.of(), NOON, null, null).matches(STORM, null)).isTrue();
    assertThat(filter(Set.of(), Set.of(), NOON.plusMillis(1), null, null).matches(STORM, null))
        .isFalse();
    assertThat(filter(Set.of(), Set.of(), null, NOON, null).matches(STORM, null)).isFalse();
    assertThat(filter(Set.of(), Set.of(), null, NOON.plusMillis(1), null).matches(STORM, null))
        .isTrue();
  }

  @Test
  void theKeyIsTheOriginalRecordKeyWhereTheDeadLetterHasOne() {
    assertThat(filter(Set.of(), Set.of(), null, null, "rec-1").matches(STORM, bytes("other")))
        .isTrue();
    assertThat(filter(Set.of(), Set.of(), null, null, "rec-2").matches(STORM, bytes("rec-2")))
        .isFalse();
    DeadLetter withoutRawKey =
        deadLetter(DeadLetterReason.RETRIES_EXHAUSTED, "server_error", NOON, null);
    assertThat(
            filter(Set.of(), Set.of(), null, null, "rec-2").matches(withoutRawKey, bytes("rec-2")))
        .isTrue();
    assertThat(ReplayFilter.keyOf(withoutRawKey, null)).isNull();
  }

  @Test
  void timesAreIsoInstantsOrAgesBeforeNow() {
    assertThat(ReplayFilter.parseTime("2026-11-22T08:00:00Z", NOON))
        .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    assertThat(ReplayFilter.parseTime("90s", NOON)).isEqualTo(NOON.minusSeconds(90));
    assertThat(ReplayFilter.parseTime("30m", NOON)).isEqualTo(NOON.minusSeconds(1800));
    assertThat(ReplayFilter.parseTime("2H", NOON)).isEqualTo(NOON.minusSeconds(7200));
    assertThat(ReplayFilter.parseTime("7d", NOON)).isEqualTo(NOON.minusSeconds(7 * 86400));
    assertThatThrownBy(() -> ReplayFilter.parseTime("yesterday", NOON))
        .hasMessageContaining("ISO-8601")
        .hasMessageContaining("2h");
  }

  @Test
  void reasonsAreReadInAnyCaseAndAnUnknownOneNamesTheValidOnes() {
    assertThat(ReplayFilter.parseReason(" retries_exhausted "))
        .isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThatThrownBy(() -> ReplayFilter.parseReason("storm"))
        .hasMessageContaining("unknown reason 'storm'")
        .hasMessageContaining("RETRIES_EXHAUSTED");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
