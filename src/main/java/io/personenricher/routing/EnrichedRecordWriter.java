package io.personenricher.routing;

import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.EncodeBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;

/**
 * Writes an enriched record's Avro field by field, with the candidates' Avro put in as it is: the
 * same bytes Avro's own writer gives for the whole record, at a fraction of its cost (the record is
 * written once for every enriched output, most often from a reused answer, where Avro's writer
 * resolving every field and union through its model was most of the encoding's time).
 *
 * <p>It knows one schema: {@link #APPLIES} holds only while {@code EnrichedPerson}'s schema is the
 * one it was written for ({@link #SCHEMA_FINGERPRINT}, of the schema's whole JSON, so a new field,
 * type or logical type changes it). Otherwise the caller uses Avro's writer, and {@code
 * EnrichedRecordWriterTest}, which checks the bytes against Avro's for records of every shape,
 * fails until this class is brought up to date.
 *
 * <p>Threading notes: stateless; the buffer is per thread.
 */
final class EnrichedRecordWriter {

  /** {@link SchemaNormalization#fingerprint64} of {@code EnrichedPerson}'s schema JSON. */
  static final long SCHEMA_FINGERPRINT = 2404013556363370837L;

  static final boolean APPLIES = fingerprint(EnrichedPerson.getClassSchema()) == SCHEMA_FINGERPRINT;

  private static final ThreadLocal<EncodeBuffer> BUFFERS =
      ThreadLocal.withInitial(EncodeBuffer::new);

  private EnrichedRecordWriter() {}

  static long fingerprint(Schema schema) {
    return SchemaNormalization.fingerprint64(schema.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param header the wire format's bytes before the Avro (the magic byte and schema id)
   * @param shell the record, its {@code matches} empty
   * @param matches the candidates, in order
   */
  static byte[] write(byte[] header, EnrichedPerson shell, List<EncodedMatch> matches) {
    EncodeBuffer buffer = BUFFERS.get();
    try {
      BinaryEncoder out = buffer.start();
      buffer.stream().write(header);
      writeInput(out, shell.getInput());
      out.writeString(shell.getMatchedOn());
      out.writeString(shell.getMatchType());
      out.writeDouble(shell.getBestConfidenceScore());
      out.writeArrayStart();
      out.setItemCount(matches.size());
      for (EncodedMatch match : matches) {
        out.startItem();
        out.writeFixed(match.avro());
      }
      out.writeArrayEnd();
      out.writeLong(shell.getEnrichedAt().toEpochMilli());
      writeNullableDouble(out, shell.getCreditsUsed());
      out.writeInt(shell.getAttempts());
      out.writeEnum(shell.getSource().ordinal());
      return buffer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeInput(BinaryEncoder out, IdentifierEvent input) throws IOException {
    out.writeEnum(input.getIdentifierType().ordinal());
    out.writeString(input.getIdentifier());
    writeNullableDouble(out, input.getMinSimilarityScore());
    List<String> fields = input.getFields();
    if (fields == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeArrayStart();
      out.setItemCount(fields.size());
      for (String field : fields) {
        out.startItem();
        out.writeString(field);
      }
      out.writeArrayEnd();
    }
    Map<String, String> metadata = input.getMetadata();
    out.writeMapStart();
    out.setItemCount(metadata.size());
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      out.startItem();
      out.writeString(entry.getKey());
      out.writeString(entry.getValue());
    }
    out.writeMapEnd();
    if (input.getEventTime() == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeLong(input.getEventTime().toEpochMilli());
    }
  }

  private static void writeNullableDouble(BinaryEncoder out, Double value) throws IOException {
    if (value == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeDouble(value);
    }
  }
}
