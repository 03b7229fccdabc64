package io.personenricher.routing;

/**
 * How large an output record may be: the smallest of the producer's {@code max.request.size} and
 * the output topics' {@code max.message.bytes}, as the composition root reads them at start-up. A
 * record over it would fail its transaction over and over; it becomes a dead letter instead.
 *
 * @param maxRecordBytes the largest serialized record (key, value, headers and the record's own
 *     overhead) that is accepted
 */
public record OutputLimits(int maxRecordBytes) {

  /** Bytes a record costs beyond its key, value and headers (batch and record framing). */
  public static final int RECORD_OVERHEAD_BYTES = 128;

  /** Kafka's defaults: {@code max.request.size} 1 MiB. */
  public static OutputLimits defaults() {
    return new OutputLimits(1_048_576);
  }

  public OutputLimits {
    if (maxRecordBytes < 1024) {
      throw new IllegalArgumentException(
          "maxRecordBytes must be at least 1024, got " + maxRecordBytes);
    }
  }

  /**
   * The largest value that fits beside a key of {@code keyBytes} and headers of {@code
   * headerBytes}.
   */
  public int maxValueBytes(int keyBytes, int headerBytes) {
    return maxRecordBytes - RECORD_OVERHEAD_BYTES - keyBytes - headerBytes;
  }
}
