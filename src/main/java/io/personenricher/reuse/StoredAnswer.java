package io.personenricher.reuse;

import io.personenricher.routing.MappedAnswer;
import java.util.Objects;

/**
 * An answer together with the bytes it is stored as ({@link AnswerCodec}), so that whoever makes
 * one (the I/O thread an API answer arrives on) encodes it, and the stream thread only writes the
 * bytes.
 *
 * @param answer the answer
 * @param encoded {@code AnswerCodec.encode(answer)}
 */
public record StoredAnswer(MappedAnswer answer, byte[] encoded) {

  public StoredAnswer {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(encoded, "encoded");
  }

  public static StoredAnswer of(MappedAnswer answer) {
    return new StoredAnswer(answer, AnswerCodec.encode(answer));
  }
}
