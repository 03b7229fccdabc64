package io.personenricher.batching;

import static io.personenricher.batching.RecentAnswerFixtures.answeredAt;
import static io.personenricher.batching.RecentAnswerFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.batching.RecentAnswers.Recent;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

  @Test
  void findsWhatWasPutByAnEqualKeyAndReplacesIt() {
    RecentAnswers recent = new RecentAnswers(512);
    recent.put(key(1), answeredAt(10));

    assertThat(recent.get(key(1))).isEqualTo(answeredAt(10));
    assertThat(recent.get(key(2))).isNull();
    recent.put(key(1), answeredAt(20));
    assertThat(recent.get(key(1))).isEqualTo(answeredAt(20));
  }

  @Test
  void holdsEveryKeyWhileTheyFitInTheirSets() {
    RecentAnswers recent = new RecentAnswers(512);
    recent.put(key(1), answeredAt(1));
    recent.put(key(2), answeredAt(2));
    recent.put(key(3), answeredAt(3));

    assertThat(recent.get(key(1))).isEqualTo(answeredAt(1));
    assertThat(recent.get(key(2))).isEqualTo(answeredAt(2));
    assertThat(recent.get(key(3))).isEqualTo(answeredAt(3));
  }

  @Test
  void aFullSetGivesUpTheAnswerItUsedLessRecently() {
    RecentAnswers recent = new RecentAnswers(2);
    recent.put(key(1), answeredAt(1));
    recent.put(key(2), answeredAt(2));
    recent.get(key(1));

    recent.put(key(3), answeredAt(3));

    assertThat(recent.get(key(1))).as("read last: stays").isEqualTo(answeredAt(1));
    assertThat(recent.get(key(2))).as("used less recently: out").isNull();
    assertThat(recent.get(key(3))).isEqualTo(answeredAt(3));
  }

  @Test
  void neverHoldsMoreThanItsCapacityAndNeverAnswersWrongly() {
    RecentAnswers recent = new RecentAnswers(512);
    Map<Long, Long> written = new HashMap<>();
    SplittableRandom random = new SplittableRandom(5);
    int hits = 0;
    for (int step = 0; step < 50_000; step++) {
      long n = random.nextLong(2_000);
      Recent found = recent.get(key(n));
      if (found != null) {
        hits++;
        assertThat(found.answeredAtMs())
            .as("the last answer put for " + n)
            .isEqualTo(written.get(n));
      } else {
        recent.put(key(n), answeredAt(step));
        written.put(n, (long) step);
      }
    }
    long held = written.keySet().stream().filter(n -> recent.get(key(n)) != null).count();

    assertThat(held).isLessThanOrEqualTo(recent.capacity()).isGreaterThan(recent.capacity() / 2);
    assertThat(hits).as("about a quarter of 2 000 keys fit").isBetween(8_000, 17_000);
  }

  @Test
  void roundsItsLimitDownToAPowerOfTwoAndRefusesOneBelowTwo() {
    assertThat(new RecentAnswers(512).capacity()).isEqualTo(512);
    assertThat(new RecentAnswers(700).capacity()).isEqualTo(512);
    assertThatThrownBy(() -> new RecentAnswers(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
