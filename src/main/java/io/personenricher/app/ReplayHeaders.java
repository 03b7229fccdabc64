package io.personenricher.app;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers {@code enricher replay} puts on each re-injected event: which dead letter it came
 * from (topic, partition, offset) and how many times this event has been replayed.
 *
 * <p>The processor does not copy input headers onto its outputs, so a dead letter does not say
 * whether its event was itself a replay. The record it was read from does: the dead letter's {@code
 * source_topic}/{@code source_partition}/{@code source_offset} point at the input record, which
 * carries {@link #COUNT} when an earlier replay wrote it. The count is one more than the larger of
 * the two (the dead letter's own headers are read too, should a processor ever copy them).
 */
final class ReplayHeaders {

  static final String TOPIC = "enricher.replay.topic";
  static final String PARTITION = "enricher.replay.partition";
  static final String OFFSET = "enricher.replay.offset";
  static final String COUNT = "enricher.replay.count";

  private ReplayHeaders() {}

  /** The replay count a header set carries; 0 when it has none (or an unreadable one). */
  static int countOf(Headers headers) {
    if (headers == null) {
      return 0;
    }
    Header count = headers.lastHeader(COUNT);
    if (count == null || count.value() == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(new String(count.value(), StandardCharsets.UTF_8)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The count for the next replay of a dead letter: one more than it was at its source.
   *
   * @param deadLetterHeaders the dead-letter record's headers
   * @param sourceHeaders the headers of the input record the dead letter names, when still readable
   */
  static int nextCount(Headers deadLetterHeaders, Optional<Headers> sourceHeaders) {
    return 1
        + Math.max(countOf(deadLetterHeaders), sourceHeaders.map(ReplayHeaders::countOf).orElse(0));
  }

  /** The headers of a replayed event. */
  static Headers of(String deadLetterTopic, int partition, long offset, int count) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(TOPIC, bytes(deadLetterTopic));
    headers.add(PARTITION, bytes(Integer.toString(partition)));
    headers.add(OFFSET, bytes(Long.toString(offset)));
    headers.add(COUNT, bytes(Integer.toString(count)));
    return headers;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
