package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplayHeadersTest {

  private static Headers count(String value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ReplayHeaders.COUNT, value.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  @Test
  void aFirstReplayCountsOne() {
    assertThat(ReplayHeaders.nextCount(new RecordHeaders(), Optional.empty())).isEqualTo(1);
    assertThat(ReplayHeaders.nextCount(new RecordHeaders(), Optional.of(new RecordHeaders())))
        .isEqualTo(1);
  }

  @Test
  void theReplayOfAReplayCountsOneMoreThanItsSource() {
    assertThat(ReplayHeaders.nextCount(new RecordHeaders(), Optional.of(count("2")))).isEqualTo(3);
    assertThat(ReplayHeaders.nextCount(count("4"), Optional.of(count("2")))).isEqualTo(5);
    assertThat(ReplayHeaders.nextCount(count("1"), Optional.empty())).isEqualTo(2);
  }

  @Test
  void anUnreadableCountIsTakenAsNone() {
    assertThat(ReplayHeaders.countOf(count("many"))).isZero();
    assertThat(ReplayHeaders.countOf(count("-3"))).isZero();
    assertThat(ReplayHeaders.countOf(null)).isZero();
  }

  @Test
  void theHeadersNameTheDeadLetterAndTheCount() {
    Headers headers = ReplayHeaders.of("person.enrich.dlq", 1, 42, 3);

    assertThat(text(headers, ReplayHeaders.TOPIC)).isEqualTo("person.enrich.dlq");
    assertThat(text(headers, ReplayHeaders.PARTITION)).isEqualTo("1");
    assertThat(text(headers, ReplayHeaders.OFFSET)).isEqualTo("42");
    assertThat(ReplayHeaders.countOf(headers)).isEqualTo(3);
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
