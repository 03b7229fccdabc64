package io.personenricher.batching;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Byte layouts of the store keys. Both are a length-prefixed prefix followed by the big-endian
 * input offset, so a prefix scan returns one group's (or one record key's) entries in input order.
 *
 * <ul>
 *   <li>pending: {@code [u16 length][group key UTF-8][i64 offset]}, the offset of an entry (values
 *       of earlier releases) or of a {@link PendingSegment segment}
 *   <li>parked: {@code [i32 length][record key bytes][i64 offset]}
 * </ul>
 */
final class StoreKeys {

  private StoreKeys() {}

  static Bytes groupPrefix(GroupKey group) {
    byte[] text = group.encode().getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(2 + text.length).putShort((short) text.length).put(text).array());
  }

  static Bytes pendingKey(GroupKey group, long offset) {
    return pendingKey(groupPrefix(group), offset);
  }

  static Bytes pendingKey(Bytes groupPrefix, long offset) {
    byte[] prefix = groupPrefix.get();
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(offset).array());
  }

  /** The offset a pending key ends with (an entry's, or a segment's). */
  static long offsetOf(Bytes pendingKey) {
    byte[] key = pendingKey.get();
    return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
  }

  static GroupKey groupOf(Bytes pendingKey) {
    ByteBuffer buffer = ByteBuffer.wrap(pendingKey.get());
    int length = Short.toUnsignedInt(buffer.getShort());
    return GroupKey.decode(new String(pendingKey.get(), 2, length, StandardCharsets.UTF_8));
  }

  static Bytes recordKeyPrefix(byte[] recordKey) {
    return Bytes.wrap(
        ByteBuffer.allocate(4 + recordKey.length).putInt(recordKey.length).put(recordKey).array());
  }

  /** The record key a parked key starts with. */
  static byte[] recordKeyOf(Bytes parkedKey) {
    ByteBuffer buffer = ByteBuffer.wrap(parkedKey.get());
    byte[] recordKey = new byte[buffer.getInt()];
    buffer.get(recordKey);
    return recordKey;
  }

  static Bytes parkedKey(byte[] recordKey, long offset) {
    return Bytes.wrap(
        ByteBuffer.allocate(4 + recordKey.length + 8)
            .putInt(recordKey.length)
            .put(recordKey)
            .putLong(offset)
            .array());
  }
}
