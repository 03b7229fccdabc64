package io.personenricher.reuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.PersonMatch;
import io.personenricher.routing.EncodedMatch;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.serde.EncodeBuffer;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;

/**
 * An API answer as stored for reuse, in its output form ({@link MappedAnswer}): a format byte, the
 * fingerprint of the {@link PersonMatch} schema it was written with, the length of the Avro that
 * follows LZ4-compressed: {@code matched_on}, {@code match_type} and each candidate's score and
 * {@code PersonMatch} Avro (as Avro bytes). Reusing it decodes no candidate and maps nothing (an
 * output takes the candidates' Avro as it is), where the API's JSON would be parsed and mapped
 * again for every event it answers. The mapped sections repeat what the complete JSON holds, so
 * compressed the answer takes less than the JSON did: on the changelog or answers topic, in every
 * instance's store, and in RocksDB's block cache, where more answers then fit.
 *
 * <p>The candidates' Avro is not decoded on the way to an output, so it rests on what guards the
 * bytes in between: the schema fingerprint here, LZ4's bounds and the exact lengths checked, and
 * the checksums of Kafka's records and RocksDB's blocks.
 *
 * <p>Bytes written by another {@code PersonMatch} schema decode to empty (the identifier is then
 * asked again) rather than to a misread answer; the JSON entries of earlier releases (the API's own
 * entry shape) are still read, and mapped.
 *
 * <p>Threading notes: thread-safe (each thread has its own buffer and decoder).
 */
public final class AnswerCodec {

  /** The first byte of an answer in output form; earlier releases' JSON starts with '{'. */
  static final byte MAPPED_FORMAT = 2;

  static final long PERSON_MATCH_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(PersonMatch.getClassSchema());

  private static final int HEADER_BYTES = 1 + Long.BYTES + Integer.BYTES;

  /**
   * Larger than any answer the API gives (a record must fit a Kafka message): refused as corrupt.
   */
  static final int MAX_AVRO_BYTES = 16 * 1024 * 1024;

  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR =
      LZ4Factory.fastestInstance().safeDecompressor();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadLocal<Avro> AVRO = ThreadLocal.withInitial(Avro::new);

  static {
    GeneratedAvroClasses.trust();
  }

  private AnswerCodec() {}

  public static byte[] encode(MappedAnswer answer) {
    Avro avro = AVRO.get();
    byte[] plain;
    try {
      BinaryEncoder encoder = avro.buffer.start();
      encoder.writeString(answer.matchedOn());
      encoder.writeString(answer.matchType());
      encoder.writeArrayStart();
      encoder.setItemCount(answer.matches().size());
      for (EncodedMatch match : answer.matches()) {
        encoder.startItem();
        encoder.writeDouble(match.confidenceScore());
        encoder.writeBytes(match.avro());
      }
      encoder.writeArrayEnd();
      plain = avro.buffer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sealed(plain);
  }

  /** The stored form of an answer's Avro body: the header, then the body LZ4-compressed. */
  static byte[] sealed(byte[] plain) {
    byte[] stored = new byte[HEADER_BYTES + COMPRESSOR.maxCompressedLength(plain.length)];
    ByteBuffer.wrap(stored)
        .put(MAPPED_FORMAT)
        .putLong(PERSON_MATCH_FINGERPRINT)
        .putInt(plain.length);
    int compressed =
        COMPRESSOR.compress(
            plain, 0, plain.length, stored, HEADER_BYTES, stored.length - HEADER_BYTES);
    return Arrays.copyOf(stored, HEADER_BYTES + compressed);
  }

  /**
   * The answer, or empty for bytes this release cannot read (the identifier is then asked again).
   */
  public static Optional<MappedAnswer> decode(byte[] bytes, int offset, int length) {
    if (length > 0 && bytes[offset] == '{') {
      return decodeJson(bytes, offset, length);
    }
    if (length < HEADER_BYTES
        || bytes[offset] != MAPPED_FORMAT
        || ByteBuffer.wrap(bytes, offset + 1, Long.BYTES).getLong() != PERSON_MATCH_FINGERPRINT) {
      return Optional.empty();
    }
    int plainLength = ByteBuffer.wrap(bytes, offset + 1 + Long.BYTES, Integer.BYTES).getInt();
    if (plainLength < 0 || plainLength > MAX_AVRO_BYTES) {
      return Optional.empty();
    }
    Avro avro = AVRO.get();
    try {
      byte[] plain = new byte[plainLength];
      int decompressed =
          DECOMPRESSOR.decompress(
              bytes, offset + HEADER_BYTES, length - HEADER_BYTES, plain, 0, plainLength);
      if (decompressed != plainLength) {
        return Optional.empty();
      }
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(plain, avro.decoder);
      avro.decoder = decoder;
      String matchedOn = decoder.readString();
      String matchType = decoder.readString();
      List<EncodedMatch> matches = new ArrayList<>();
      for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
        for (long i = 0; i < n; i++) {
          double score = decoder.readDouble();
          // Avro bytes are a length, then the bytes: read straight into the candidate's own array.
          int size = decoder.readInt();
          if (size < 0 || size > plainLength) {
            return Optional.empty();
          }
          byte[] avroOfMatch = new byte[size];
          decoder.readFixed(avroOfMatch);
          matches.add(EncodedMatch.ofAvro(score, avroOfMatch));
        }
      }
      if (!decoder.isEnd()) {
        return Optional.empty();
      }
      return Optional.of(new MappedAnswer(matchedOn, matchType, matches));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<MappedAnswer> decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** An entry as earlier releases stored it: the API's JSON, mapped now. */
  private static Optional<MappedAnswer> decodeJson(byte[] bytes, int offset, int length) {
    try {
      JsonNode node = JSON.readTree(bytes, offset, length);
      List<PersonMatchResult> matches = new ArrayList<>();
      for (JsonNode match : node.path("matches")) {
        matches.add(
            new PersonMatchResult(
                match.get("confidence_score").asDouble(), match.get("person_data")));
      }
      return Optional.of(
          MappedAnswer.of(
              new EnrichEntry(
                  node.get("matched_on").textValue(),
                  node.get("match_type").textValue(),
                  matches)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** One thread's buffer and decoder, reused. */
  private static final class Avro {
    final EncodeBuffer buffer = new EncodeBuffer();
    BinaryDecoder decoder;
  }
}
