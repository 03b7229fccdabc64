package io.personenricher.batching;

import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The byte format of {@link PendingEntry} in the state stores and their changelogs. It starts with
 * a format version byte so that a later release can read entries an older one left behind; the
 * event itself is plain Avro binary of the {@link IdentifierEvent} schema of format version 1.
 */
public final class PendingEntryCodec {

  static {
    GeneratedAvroClasses.trust();
  }

  private static final byte FORMAT_V1 = 1;
  private static final int MAX_MESSAGE_CHARS = 2_000;

  private final SpecificDatumWriter<IdentifierEvent> writer =
      new SpecificDatumWriter<>(IdentifierEvent.class);
  private final SpecificDatumReader<IdentifierEvent> reader =
      new SpecificDatumReader<>(IdentifierEvent.class);

  public byte[] encode(PendingEntry entry) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT_V1);
      out.writeUTF(entry.sourceTopic());
      out.writeInt(entry.partition());
      out.writeLong(entry.offset());
      out.writeLong(entry.recordTimestamp());
      out.writeLong(entry.enqueuedAtMs());
      writeBytes(out, entry.key());
      writeBytes(out, entry.event() == null ? null : avro(entry.event()));
      writeBytes(out, entry.rawValue());
      out.writeBoolean(entry.verdict() != null);
      if (entry.verdict() != null) {
        out.writeUTF(entry.verdict().reason().name());
        out.writeUTF(entry.verdict().errorClass());
        out.writeUTF(truncate(entry.verdict().message()));
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PendingEntry decode(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      byte version = in.readByte();
      if (version != FORMAT_V1) {
        throw new IllegalStateException(
            "pending entry has format version "
                + version
                + "; this release reads version "
                + FORMAT_V1);
      }
      String topic = in.readUTF();
      int partition = in.readInt();
      long offset = in.readLong();
      long recordTimestamp = in.readLong();
      long enqueuedAt = in.readLong();
      byte[] key = readBytes(in);
      byte[] eventBytes = readBytes(in);
      byte[] raw = readBytes(in);
      Verdict verdict = null;
      if (in.readBoolean()) {
        verdict = new Verdict(DeadLetterReason.valueOf(in.readUTF()), in.readUTF(), in.readUTF());
      }
      IdentifierEvent event = eventBytes == null ? null : fromAvro(eventBytes);
      return new PendingEntry(
          topic, partition, offset, key, event, raw, verdict, recordTimestamp, enqueuedAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] avro(IdentifierEvent event) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
    writer.write(event, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  private IdentifierEvent fromAvro(byte[] data) throws IOException {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, null);
    return reader.read(null, decoder);
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.length);
      out.write(value);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] value = new byte[length];
    in.readFully(value);
    return value;
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
