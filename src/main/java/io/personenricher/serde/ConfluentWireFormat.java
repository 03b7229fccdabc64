package io.personenricher.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the datum.
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;

  private static final int HEX_PREVIEW_BYTES = 16;

  private ConfluentWireFormat() {}

  /**
   * Returns the schema id of a wire-format payload.
   *
   * @throws SerializationException if the bytes are too short or do not start with the magic byte;
   *     the message shows the first bytes in hex so a wrongly produced topic is easy to recognise
   */
  public static int schemaId(String topic, byte[] bytes) {
    if (bytes.length < HEADER_SIZE) {
      throw new SerializationException(
          "Record on topic '"
              + topic
              + "' is not in Confluent Avro wire format: "
              + bytes.length
              + " bytes, but at least "
              + HEADER_SIZE
              + " are needed (magic byte 0 + 4-byte schema id); bytes: "
              + hexPreview(bytes));
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new SerializationException(
          "Record on topic '"
              + topic
              + "' is not in Confluent Avro wire format: first byte is 0x"
              + String.format("%02x", bytes[0])
              + ", expected magic byte 0x00; first bytes: "
              + hexPreview(bytes));
    }
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  /** The first bytes as space-separated hex, with the total length when truncated. */
  public static String hexPreview(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(bytes.length, HEX_PREVIEW_BYTES);
    for (int i = 0; i < shown; i++) {
      out.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i]));
    }
    if (bytes.length > shown) {
      out.append(" ... (").append(bytes.length).append(" bytes)");
    }
    return bytes.length == 0 ? "(empty)" : out.toString();
  }
}
