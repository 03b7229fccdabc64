package io.personenricher.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A buffer and a buffered Avro encoder reused from record to record: the records written on the hot
 * path are a kilobyte or more, and a fresh stream for each would grow and copy it several times. A
 * buffer that grew past {@link #KEPT_BYTES} for one large record is dropped after it.
 *
 * <p>Threading notes: one thread at a time (keep one per thread, e.g. in a {@code ThreadLocal}).
 */
public final class EncodeBuffer {

  static final int KEPT_BYTES = 256 * 1024;

  private ByteArrayOutputStream out = new ByteArrayOutputStream(4_096);
  private BinaryEncoder encoder;

  /**
   * Empties the buffer and returns the encoder, bound to it; bytes written to {@link #stream()}
   * before anything is encoded come first.
   */
  public BinaryEncoder start() {
    // Rebinding flushes what a failed write left in the encoder: before the reset, so it cannot
    // leak into the next record.
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    out.reset();
    return encoder;
  }

  /** The raw buffer, for a header written before the encoded record. */
  public OutputStream stream() {
    return out;
  }

  /** Everything written since {@link #start()}. */
  public byte[] finish() throws IOException {
    encoder.flush();
    byte[] bytes = out.toByteArray();
    if (bytes.length > KEPT_BYTES) {
      out = new ByteArrayOutputStream(4_096);
      encoder = null;
    }
    return bytes;
  }
}
