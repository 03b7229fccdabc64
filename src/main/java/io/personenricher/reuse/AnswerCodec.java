package io.personenricher.reuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.PersonMatch;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * An API answer as stored for reuse, in its output form ({@link MappedAnswer}): a format byte, the
 * fingerprint of the {@link PersonMatch} schema it was written with, then in Avro binary {@code
 * matched_on}, {@code match_type} and the candidates as {@code PersonMatch} records. Reusing it
 * decodes Avro and maps nothing, where the API's JSON would be parsed and mapped again for every
 * event it answers.
 *
 * <p>Bytes written by another {@code PersonMatch} schema decode to empty (the identifier is then
 * asked again) rather than to a misread answer; the JSON entries of earlier releases (the API's own
 * entry shape) are still read, and mapped.
 *
 * <p>Threading notes: thread-safe (each thread has its own Avro reader and writer).
 */
public final class AnswerCodec {

  /** The first byte of an answer in output form; earlier releases' JSON starts with '{'. */
  static final byte MAPPED_FORMAT = 2;

  static final long PERSON_MATCH_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(PersonMatch.getClassSchema());

  private static final int HEADER_BYTES = 1 + Long.BYTES;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadLocal<Avro> AVRO = ThreadLocal.withInitial(Avro::new);

  static {
    GeneratedAvroClasses.trust();
  }

  private AnswerCodec() {}

  public static byte[] encode(MappedAnswer answer) {
    Avro avro = AVRO.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1_024);
    out.write(MAPPED_FORMAT);
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(PERSON_MATCH_FINGERPRINT).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, avro.encoder);
    avro.encoder = encoder;
    try {
      encoder.writeString(answer.matchedOn());
      encoder.writeString(answer.matchType());
      encoder.writeArrayStart();
      encoder.setItemCount(answer.matches().size());
      for (PersonMatch match : answer.matches()) {
        encoder.startItem();
        avro.writer.write(match, encoder);
      }
      encoder.writeArrayEnd();
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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
    Avro avro = AVRO.get();
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(bytes, offset + HEADER_BYTES, length - HEADER_BYTES, avro.decoder);
    avro.decoder = decoder;
    try {
      String matchedOn = decoder.readString();
      String matchType = decoder.readString();
      List<PersonMatch> matches = new ArrayList<>();
      for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
        for (long i = 0; i < n; i++) {
          matches.add(avro.reader.read(null, decoder));
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

  /** One thread's Avro reader and writer, and the coders they reuse. */
  private static final class Avro {
    final SpecificDatumWriter<PersonMatch> writer = new SpecificDatumWriter<>(PersonMatch.class);
    final SpecificDatumReader<PersonMatch> reader = new SpecificDatumReader<>(PersonMatch.class);
    BinaryEncoder encoder;
    BinaryDecoder decoder;
  }
}
