package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.RecentAnswers.Recent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

  private static final int LIMIT = 512;

  private static Bytes key(long n) {
    return Bytes.wrap(("E||\u0000person-" + n + "@acme.com").getBytes(StandardCharsets.UTF_8));
  }

  private static Recent answeredAt(long ms) {
    return new Recent(null, ms, false);
  }

  @Test
  void findsWhatWasPutByAnEqualKeyAndReplacesIt() {
    RecentAnswers recent = new RecentAnswers(LIMIT);
    recent.put(key(1), answeredAt(10));

    assertThat(recent.get(key(1))).isEqualTo(answeredAt(10));
    assertThat(recent.get(key(2))).isNull();
    recent.put(key(1), answeredAt(20));
    assertThat(recent.get(key(1))).isEqualTo(answeredAt(20));
  }

  @Test
  void keepsAnAnswerUntilLimitNewerOnesCameIn() {
    RecentAnswers recent = new RecentAnswers(LIMIT);
    recent.put(key(0), answeredAt(0));
    for (int n = 1; n < LIMIT; n++) {
      recent.put(key(n), answeredAt(n));
    }

    assertThat(recent.get(key(0)))
        .as("an own answer the book has not seen yet must still be here")
        .isEqualTo(answeredAt(0));
    for (int n = 1; n < LIMIT; n++) {
      assertThat(recent.get(key(n))).as("key " + n).isEqualTo(answeredAt(n));
    }
  }

  @Test
  void givesUpTheAnswerUsedLeastRecentlyOnceFull() {
    RecentAnswers recent = new RecentAnswers(LIMIT);
    for (int n = 0; n < LIMIT; n++) {
      recent.put(key(n), answeredAt(n));
    }
    recent.get(key(0));

    recent.put(key(LIMIT), answeredAt(LIMIT));

    assertThat(recent.get(key(0))).as("read last: stays").isEqualTo(answeredAt(0));
    assertThat(recent.get(key(1))).as("used least recently: out").isNull();
    assertThat(recent.get(key(LIMIT))).isEqualTo(answeredAt(LIMIT));
  }
}
