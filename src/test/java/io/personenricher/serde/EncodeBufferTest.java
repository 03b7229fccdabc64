package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.io.BinaryEncoder;
import org.junit.jupiter.api.Test;

class EncodeBufferTest {

  private final EncodeBuffer buffer = new EncodeBuffer();

  private byte[] record(String value) throws Exception {
    BinaryEncoder encoder = buffer.start();
    buffer.stream().write(7);
    encoder.writeString(value);
    return buffer.finish();
  }

  @Test
  void theHeaderComesBeforeTheEncodedRecordAndEachRecordStandsAlone() throws Exception {
    assertThat(record("ab")).containsExactly(7, 4, 'a', 'b');
    assertThat(record("c")).containsExactly(7, 2, 'c');
  }

  @Test
  void whatAFailedRecordLeftInTheEncoderDoesNotReachTheNext() throws Exception {
    buffer.start().writeString("left behind");

    assertThat(record("c")).containsExactly(7, 2, 'c');
  }

  @Test
  void aRecordLargerThanTheKeptBufferIsWholeAndTheNextOneToo() throws Exception {
    String large = "z".repeat(EncodeBuffer.KEPT_BYTES + 1);

    assertThat(record(large)).hasSize(1 + 3 + large.length());
    assertThat(record("c")).containsExactly(7, 2, 'c');
  }
}
