package io.personenricher.reuse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The bytes of a {@link ReuseRecord}: {@code [u8 kind][i64 time][payload]}, where the kind is
 * {@code C} (claim: time = until, payload = owner), {@code A} (answer: time = answered at, payload
 * = the encoded answer) or {@code R} (release: payload = owner).
 *
 * <p>Decoding never throws: a value it cannot read (written by a later release, or damaged) is
 * empty, and the readers ignore it. The global store's thread must not die on one bad record.
 */
public final class ReuseRecordCodec {

  private static final byte CLAIM = 'C';
  private static final byte ANSWER = 'A';
  private static final byte RELEASE = 'R';
  private static final int HEADER = 1 + 8;

  private ReuseRecordCodec() {}

  public static byte[] encode(ReuseRecord record) {
    if (record instanceof ReuseRecord.Claim c) {
      return frame(CLAIM, c.untilMs(), utf8(c.owner()));
    }
    if (record instanceof ReuseRecord.Answer a) {
      return frame(ANSWER, a.answeredAtMs(), a.entry());
    }
    return frame(RELEASE, 0, utf8(((ReuseRecord.Release) record).owner()));
  }

  public static Optional<ReuseRecord> decode(byte[] value) {
    if (value == null || value.length < HEADER) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    byte kind = buffer.get();
    long time = buffer.getLong();
    byte[] payload = new byte[buffer.remaining()];
    buffer.get(payload);
    return switch (kind) {
      case CLAIM -> Optional.of(new ReuseRecord.Claim(text(payload), time));
      case ANSWER -> Optional.of(new ReuseRecord.Answer(time, payload));
      case RELEASE -> Optional.of(new ReuseRecord.Release(text(payload)));
      default -> Optional.empty();
    };
  }

  /** What {@link #answeredAtMs} says of a value that holds no answer: before any answer. */
  public static final long NO_ANSWER = Long.MIN_VALUE;

  /**
   * When the answer in {@code value} was given, read from its header alone, or {@link #NO_ANSWER}
   * when {@code value} holds no answer.
   */
  public static long answeredAtMs(byte[] value) {
    if (value == null || value.length < HEADER || value[0] != ANSWER) {
      return NO_ANSWER;
    }
    return ByteBuffer.wrap(value, 1, 8).getLong();
  }

  private static byte[] frame(byte kind, long time, byte[] payload) {
    return ByteBuffer.allocate(HEADER + payload.length)
        .put(kind)
        .putLong(time)
        .put(payload)
        .array();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
