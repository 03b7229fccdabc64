package io.personenricher.routing;

import io.personenricher.model.avro.PersonMatch;
import java.util.Arrays;
import java.util.Objects;

/**
 * One candidate in the output form: its score, its {@link PersonMatch} record and that record's
 * Avro binary, each made once, when first needed. An answer mapped from the API has the record and
 * encodes it once for the output and the store; an answer read back from the store has the bytes,
 * and an output built from it copies them as they are ({@link EnrichedRecordWriter}) without
 * decoding.
 *
 * <p>Two candidates are equal when their scores and encodings are (Avro's binary encoding of a
 * record is deterministic).
 *
 * <p>Threading notes: one thread at a time (the lazy halves are not synchronized). An answer from
 * the API is mapped and encoded on the I/O thread that received it and handed over whole to the
 * stream thread, which alone uses it from then on; shared by the outputs built from one answer, and
 * nothing may change the record.
 */
public final class EncodedMatch {

  private final double confidenceScore;
  private PersonMatch record;
  private byte[] avro;

  private EncodedMatch(double confidenceScore, PersonMatch record, byte[] avro) {
    this.confidenceScore = confidenceScore;
    this.record = record;
    this.avro = avro;
  }

  /** A candidate just mapped: its record, encoded when first needed. */
  public static EncodedMatch of(PersonMatch record) {
    Objects.requireNonNull(record, "record");
    return new EncodedMatch(record.getConfidenceScore(), record, null);
  }

  /** A candidate read back: its score and the Avro binary of its record. */
  public static EncodedMatch ofAvro(double confidenceScore, byte[] avro) {
    return new EncodedMatch(confidenceScore, null, Objects.requireNonNull(avro, "avro"));
  }

  public double confidenceScore() {
    return confidenceScore;
  }

  /** The record, decoded on first use when this candidate was read back. */
  public PersonMatch record() {
    if (record == null) {
      record = PersonMatchAvro.decode(avro);
    }
    return record;
  }

  /** The record's Avro binary, encoded on first use when this candidate was mapped. */
  public byte[] avro() {
    if (avro == null) {
      avro = PersonMatchAvro.encode(record);
    }
    return avro;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncodedMatch that
        && Double.compare(confidenceScore, that.confidenceScore) == 0
        && Arrays.equals(avro(), that.avro());
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(confidenceScore) + Arrays.hashCode(avro());
  }

  @Override
  public String toString() {
    return "EncodedMatch[" + confidenceScore + ", " + record() + "]";
  }
}
