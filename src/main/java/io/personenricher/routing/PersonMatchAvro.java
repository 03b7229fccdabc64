package io.personenricher.routing;

import io.personenricher.model.avro.PersonMatch;
import io.personenricher.serde.EncodeBuffer;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A {@link PersonMatch} in Avro binary, as it appears inside an output record's {@code matches}.
 *
 * <p>Threading notes: thread-safe (each thread has its own reader, writer and buffer).
 */
public final class PersonMatchAvro {

  static {
    GeneratedAvroClasses.trust();
  }

  private static final ThreadLocal<Coders> CODERS = ThreadLocal.withInitial(Coders::new);

  private PersonMatchAvro() {}

  public static byte[] encode(PersonMatch match) {
    Coders coders = CODERS.get();
    try {
      coders.writer.write(match, coders.buffer.start());
      return coders.buffer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The record {@code avro} encodes.
   *
   * @throws java.io.UncheckedIOException or another runtime exception for bytes that are not one
   */
  public static PersonMatch decode(byte[] avro) {
    Coders coders = CODERS.get();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, coders.decoder);
    coders.decoder = decoder;
    try {
      PersonMatch match = coders.reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IllegalArgumentException("bytes left over after a PersonMatch");
      }
      return match;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Coders {
    final SpecificDatumWriter<PersonMatch> writer = new SpecificDatumWriter<>(PersonMatch.class);
    final SpecificDatumReader<PersonMatch> reader = new SpecificDatumReader<>(PersonMatch.class);
    final EncodeBuffer buffer = new EncodeBuffer();
    BinaryDecoder decoder;
  }
}
