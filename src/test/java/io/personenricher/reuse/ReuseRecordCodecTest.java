package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReuseRecordCodecTest {

  @Test
  void everyKindOfRecordComesBackAsItWent() {
    ReuseRecord[] records = {
      new ReuseRecord.Claim("1_7", 1_234_567_890_123L),
      new ReuseRecord.Answer(42, "{\"matches\":[]}".getBytes(StandardCharsets.UTF_8)),
      new ReuseRecord.Release("0_0")
    };
    for (ReuseRecord record : records) {
      assertThat(ReuseRecordCodec.decode(ReuseRecordCodec.encode(record))).contains(record);
    }
  }

  @Test
  void anAnswersTimeIsReadFromItsHeaderAndNothingElseHasOne() {
    byte[] answer =
        ReuseRecordCodec.encode(
            new ReuseRecord.Answer(1_234_567_890_123L, "{}".getBytes(StandardCharsets.UTF_8)));

    assertThat(ReuseRecordCodec.answeredAtMs(answer)).isEqualTo(1_234_567_890_123L);
    assertThat(
            ReuseRecordCodec.answeredAtMs(ReuseRecordCodec.encode(new ReuseRecord.Claim("1_7", 5))))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(ReuseRecordCodec.answeredAtMs(null)).isEqualTo(Long.MIN_VALUE);
    assertThat(ReuseRecordCodec.answeredAtMs(new byte[] {'A', 0, 0})).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void bytesItCannotReadAreEmptyRatherThanAnError() {
    assertThat(ReuseRecordCodec.decode(null)).isEmpty();
    assertThat(ReuseRecordCodec.decode(new byte[] {'C', 0, 0})).isEmpty();
    assertThat(ReuseRecordCodec.decode(new byte[] {'X', 0, 0, 0, 0, 0, 0, 0, 0, 1})).isEmpty();
  }
}
