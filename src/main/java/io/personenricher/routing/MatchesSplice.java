package io.personenricher.routing;

import io.personenricher.model.avro.EnrichedPerson;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * Puts the candidates' Avro, as it is, into a serialized enriched record whose {@code matches} was
 * left empty: the same bytes the whole record would serialize to, without decoding a reused answer
 * into records and encoding them again (together, most of an answer's cost on the cache-hit path).
 *
 * <p>An empty Avro array is one byte ({@code 0}); a full one is its item count, the items, then
 * that {@code 0}. The fields after {@code matches} ({@code enriched_at}, {@code credits_used},
 * {@code attempts}, {@code source}) have lengths known from their values, so the array's place is
 * counted back from the end; {@link #APPLIES} checks that the schema still has that shape (and
 * {@code MatchesSpliceTest} that the bytes equal the whole record's), so a schema that changes it
 * turns the splice off instead of writing wrong records.
 *
 * <p>Threading notes: stateless.
 */
final class MatchesSplice {

  static final List<String> TAIL =
      List.of("matches", "enriched_at", "credits_used", "attempts", "source");

  /** Whether the output schema has the tail this class counts back over. */
  static final boolean APPLIES = hasTail(EnrichedPerson.getClassSchema());

  private MatchesSplice() {}

  /**
   * @param serialized the wire bytes (any header, then the Avro) of {@code shell}
   * @param shell the record as serialized, with {@code matches} empty
   */
  static byte[] into(byte[] serialized, EnrichedPerson shell, List<EncodedMatch> matches) {
    if (matches.isEmpty()) {
      return serialized;
    }
    int arrayAt = serialized.length - tailLength(shell);
    long count = zigZag(matches.size());
    int itemBytes = 0;
    for (EncodedMatch match : matches) {
      itemBytes += match.avro().length;
    }
    // Sized exactly, so the record is written once: this runs for every enriched output.
    byte[] out = new byte[serialized.length + varLongLength(count) + itemBytes];
    System.arraycopy(serialized, 0, out, 0, arrayAt);
    int at = writeVarLong(out, arrayAt, count);
    for (EncodedMatch match : matches) {
      byte[] avro = match.avro();
      System.arraycopy(avro, 0, out, at, avro.length);
      at += avro.length;
    }
    System.arraycopy(serialized, arrayAt, out, at, serialized.length - arrayAt);
    return out;
  }

  /** Bytes from the empty array's {@code 0} to the end. */
  static int tailLength(EnrichedPerson shell) {
    return 1
        + varLongLength(zigZag(shell.getEnrichedAt().toEpochMilli()))
        + (shell.getCreditsUsed() == null ? 1 : 1 + Double.BYTES)
        + varLongLength(zigZag(shell.getAttempts()))
        + varLongLength(zigZag(shell.getSource().ordinal()));
  }

  static boolean hasTail(Schema schema) {
    List<Field> fields = schema.getFields();
    if (fields.size() < TAIL.size()) {
      return false;
    }
    List<Field> tail = fields.subList(fields.size() - TAIL.size(), fields.size());
    for (int i = 0; i < TAIL.size(); i++) {
      if (!tail.get(i).name().equals(TAIL.get(i))) {
        return false;
      }
    }
    Schema credits = tail.get(2).schema();
    return tail.get(0).schema().getType() == Schema.Type.ARRAY
        && tail.get(1).schema().getType() == Schema.Type.LONG
        && credits.getType() == Schema.Type.UNION
        && credits.getTypes().size() == 2
        && credits.getTypes().get(0).getType() == Schema.Type.NULL
        && credits.getTypes().get(1).getType() == Schema.Type.DOUBLE
        && tail.get(3).schema().getType() == Schema.Type.INT
        && tail.get(4).schema().getType() == Schema.Type.ENUM;
  }

  private static long zigZag(long n) {
    return (n << 1) ^ (n >> 63);
  }

  private static int varLongLength(long zigZagged) {
    int length = 1;
    while ((zigZagged & ~0x7FL) != 0) {
      zigZagged >>>= 7;
      length++;
    }
    return length;
  }

  /** Writes at {@code at}; returns the index after it. */
  private static int writeVarLong(byte[] out, int at, long zigZagged) {
    while ((zigZagged & ~0x7FL) != 0) {
      out[at++] = (byte) ((zigZagged & 0x7F) | 0x80);
      zigZagged >>>= 7;
    }
    out[at++] = (byte) zigZagged;
    return at;
  }
}
