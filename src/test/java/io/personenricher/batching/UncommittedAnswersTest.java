package io.personenricher.batching;

import static io.personenricher.batching.RecentAnswerFixtures.answeredAt;
import static io.personenricher.batching.RecentAnswerFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.reuse.ReuseRecordCodec;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class UncommittedAnswersTest {

  private static final long TTL = 60_000;

  /** The book as a test holds it: key to when its answer was given. */
  private final Map<Bytes, Long> book = new HashMap<>();

  private final UncommittedAnswers.BookView view =
      key -> book.getOrDefault(key, ReuseRecordCodec.NO_ANSWER);

  @Test
  void keepsEveryAnswerTheBookDoesNotShowHoweverManyCameIn() {
    UncommittedAnswers unseen = new UncommittedAnswers(4_096, TTL);
    for (int n = 0; n < 2_000; n++) {
      unseen.put(key(n), answeredAt(n));
    }

    assertThat(unseen.forgetShown(view, 2_000)).isZero();
    for (int n = 0; n < 2_000; n++) {
      assertThat(unseen.get(key(n))).as("key " + n).isEqualTo(answeredAt(n));
    }
  }

  @Test
  void forgetsTheOldestOnceTheBookShowsThemAndStopsAtTheFirstUnseen() {
    UncommittedAnswers unseen = new UncommittedAnswers(16, TTL);
    for (int n = 0; n < 4; n++) {
      unseen.put(key(n), answeredAt(n));
    }
    book.put(key(0), 0L);
    book.put(key(1), 5L);
    book.put(key(3), 3L);

    assertThat(unseen.forgetShown(view, 10)).as("0 itself, 1 a later answer").isEqualTo(2);
    assertThat(unseen.get(key(0))).isNull();
    assertThat(unseen.get(key(1))).isNull();
    assertThat(unseen.get(key(2))).as("unseen: stays").isEqualTo(answeredAt(2));
    assertThat(unseen.get(key(3))).as("behind an unseen one: stays for now").isNotNull();
    assertThat(unseen.size()).isEqualTo(2);
  }

  @Test
  void readsTheBookOnceForAllTheAnswersOfOneClockReading() {
    UncommittedAnswers unseen = new UncommittedAnswers(64, TTL);
    int[] reads = {0};
    UncommittedAnswers.BookView counting =
        key -> {
          reads[0]++;
          return view.answeredAtMs(key);
        };
    unseen.put(key(0), answeredAt(0));
    for (int n = 1; n <= 25; n++) {
      unseen.forgetShown(counting, 10);
      unseen.put(key(n), answeredAt(10));
    }

    assertThat(reads[0]).as("one batch of 25 answers at 10 ms").isEqualTo(1);
    book.put(key(0), 0L);
    assertThat(unseen.forgetShown(counting, 11)).isEqualTo(1);
    assertThat(reads[0]).isEqualTo(3);
  }

  @Test
  void anOlderAnswerInTheBookIsNotThisOne() {
    UncommittedAnswers unseen = new UncommittedAnswers(16, TTL);
    book.put(key(1), 100L);
    unseen.put(key(1), answeredAt(200));

    assertThat(unseen.forgetShown(view, 300)).isZero();
    assertThat(unseen.get(key(1))).isEqualTo(answeredAt(200));
  }

  @Test
  void forgetsAnExpiredAnswerTheBookNeverShowed() {
    UncommittedAnswers unseen = new UncommittedAnswers(16, TTL);
    unseen.put(key(1), answeredAt(0));
    unseen.put(key(2), answeredAt(10));

    assertThat(unseen.forgetShown(view, TTL - 1)).isZero();
    assertThat(unseen.forgetShown(view, TTL)).isEqualTo(1);
    assertThat(unseen.get(key(2))).isEqualTo(answeredAt(10));
  }

  @Test
  void aNewAnswerOfTheSameKeyReplacesTheOldAndWaitsAsTheNewest() {
    UncommittedAnswers unseen = new UncommittedAnswers(16, TTL);
    unseen.put(key(1), answeredAt(0));
    unseen.put(key(2), answeredAt(1));
    unseen.put(key(1), answeredAt(2));
    book.put(key(2), 1L);

    assertThat(unseen.forgetShown(view, 3)).as("2 is the oldest now").isEqualTo(1);
    assertThat(unseen.get(key(1))).isEqualTo(answeredAt(2));
    assertThat(unseen.size()).isEqualTo(1);
  }

  @Test
  void pastItsLimitGivesUpTheOldestAndCountsIt() {
    UncommittedAnswers unseen = new UncommittedAnswers(3, TTL);
    int dropped = 0;
    for (int n = 0; n < 5; n++) {
      dropped += unseen.put(key(n), answeredAt(n)) ? 1 : 0;
    }

    assertThat(dropped).as("each drop reported").isEqualTo(2);
    assertThat(unseen.size()).isEqualTo(3);
    assertThat(unseen.get(key(1))).isNull();
    assertThat(unseen.get(key(2))).isEqualTo(answeredAt(2));
    assertThatThrownBy(() -> new UncommittedAnswers(0, TTL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
