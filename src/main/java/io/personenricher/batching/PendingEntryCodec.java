package io.personenricher.batching;

import io.personenricher.client.IdentifierKind;
import io.personenricher.intake.ValidIdentifier;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The byte format of {@link PendingEntry} in the state stores and their changelogs. It starts with
 * a format version byte so that a release can read entries an older one left behind; the event
 * itself is plain Avro binary of the {@link IdentifierEvent} schema.
 *
 * <p>Version 2 (written now) adds the validated identifier, so that an entry read back for a batch
 * scan is never validated again. Version 1 entries (written before) read with a null identifier;
 * the processor validates those once when it meets them.
 *
 * <p>Several entries of a group share one store value, a {@link PendingSegment} (format version 3):
 * the entries inside keep this format.
 *
 * <p>Threading notes: one codec per processor; its buffers, the Avro datum reader and writer are
 * not shared.
 */
public final class PendingEntryCodec {

  static {
    GeneratedAvroClasses.trust();
  }

  static final byte FORMAT_V1 = 1;
  static final byte FORMAT_V2 = 2;
  private static final int MAX_MESSAGE_CHARS = 2_000;

  private final SpecificDatumWriter<IdentifierEvent> writer =
      new SpecificDatumWriter<>(IdentifierEvent.class);
  private final SpecificDatumReader<IdentifierEvent> reader =
      new SpecificDatumReader<>(IdentifierEvent.class);
  // Reused across calls (one codec per stream-thread processor): encoding is on the hot path.
  private final ByteArrayOutputStream entryBytes = new ByteArrayOutputStream(512);
  private final DataOutputStream entryOut = new DataOutputStream(entryBytes);
  private final ByteArrayOutputStream avroBytes = new ByteArrayOutputStream(256);
  private BinaryEncoder avroEncoder;
  private BinaryDecoder avroDecoder;

  public byte[] encode(PendingEntry entry) {
    try {
      entryBytes.reset();
      entryOut.writeByte(FORMAT_V2);
      writeCommon(entryOut, entry);
      writeIdentifier(entryOut, entry.identifier());
      entryOut.flush();
      return entryBytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version-1 layout, kept so the upgrade path from stores written before stays tested. */
  byte[] encodeV1(PendingEntry entry) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT_V1);
      writeCommon(out, entry);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PendingEntry decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /** Decodes the entry in {@code data[from, from + length)} (e.g. inside a segment). */
  PendingEntry decode(byte[] data, int from, int length) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, from, length));
      byte version = checkedVersion(in.readByte());
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
      ValidIdentifier identifier = version == FORMAT_V2 ? readIdentifier(in) : null;
      IdentifierEvent event = eventBytes == null ? null : fromAvro(eventBytes);
      return new PendingEntry(
          topic,
          partition,
          offset,
          key,
          event,
          identifier,
          raw,
          verdict,
          recordTimestamp,
          enqueuedAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The record key of the entry in {@code data[from, from + length)}, without decoding the rest.
   */
  byte[] recordKey(byte[] data, int from, int length) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, from, length));
      checkedVersion(in.readByte());
      in.skipNBytes(in.readUnsignedShort());
      in.skipNBytes(4 + 8 + 8 + 8);
      return readBytes(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The input offset of an encoded entry, without decoding the rest. */
  long offsetOf(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      checkedVersion(in.readByte());
      in.skipNBytes(in.readUnsignedShort());
      in.skipNBytes(4);
      return in.readLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte checkedVersion(byte version) {
    if (version != FORMAT_V1 && version != FORMAT_V2) {
      throw new IllegalStateException(
          "pending entry has format version "
              + version
              + "; this release reads versions "
              + FORMAT_V1
              + " and "
              + FORMAT_V2);
    }
    return version;
  }

  private void writeCommon(DataOutputStream out, PendingEntry entry) throws IOException {
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
  }

  private static void writeIdentifier(DataOutputStream out, ValidIdentifier identifier)
      throws IOException {
    out.writeBoolean(identifier != null);
    if (identifier == null) {
      return;
    }
    out.writeByte(identifier.kind() == IdentifierKind.BUSINESS_EMAIL ? 'E' : 'U');
    out.writeUTF(identifier.value());
    out.writeUTF(identifier.normalized());
    out.writeShort(identifier.fields().size());
    for (String field : identifier.fields()) {
      out.writeUTF(field);
    }
    out.writeBoolean(identifier.minSimilarityScore() != null);
    if (identifier.minSimilarityScore() != null) {
      out.writeDouble(identifier.minSimilarityScore());
    }
  }

  private static ValidIdentifier readIdentifier(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    IdentifierKind kind =
        in.readByte() == 'E' ? IdentifierKind.BUSINESS_EMAIL : IdentifierKind.PROFILE_URL;
    String value = in.readUTF();
    String normalized = in.readUTF();
    int count = in.readShort();
    List<String> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fields.add(in.readUTF());
    }
    Double threshold = in.readBoolean() ? in.readDouble() : null;
    return new ValidIdentifier(kind, value, normalized, fields, threshold);
  }

  private byte[] avro(IdentifierEvent event) throws IOException {
    avroBytes.reset();
    avroEncoder = EncoderFactory.get().directBinaryEncoder(avroBytes, avroEncoder);
    writer.write(event, avroEncoder);
    avroEncoder.flush();
    return avroBytes.toByteArray();
  }

  private IdentifierEvent fromAvro(byte[] data) throws IOException {
    avroDecoder = DecoderFactory.get().binaryDecoder(data, avroDecoder);
    return reader.read(null, avroDecoder);
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
