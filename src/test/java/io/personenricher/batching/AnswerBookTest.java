package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseRecord;
import io.personenricher.reuse.ReuseRecordCodec;
import io.personenricher.reuse.StoredAnswer;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class AnswerBookTest {

  private static final GroupKey GROUP =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
  private static final long TTL = 60_000;
  private static final String TASK = "0_1";

  /** The global store: it shows only what {@link #commit} moved there. */
  private final KeyValueStore<Bytes, byte[]> global = TestStores.inMemory("book");

  /** Published in the open transaction, not yet in the global store. */
  private final List<KeyValue<byte[], byte[]>> published = new ArrayList<>();

  private final AnswerBook book =
      new AnswerBook(
          new ReuseLookup(global, TTL),
          TASK,
          Duration.ofMillis(TTL),
          Duration.ofSeconds(30),
          (key, value, timestampMs) -> published.add(KeyValue.pair(key, value)),
          EnricherMetrics.NOOP);

  private static String email(int n) {
    return "person-" + n + "@acme.com";
  }

  private static StoredAnswer answer(String identifier) {
    return StoredAnswer.of(
        MappedAnswer.of(
            new EnrichEntry(
                identifier, "business_email", List.of(FakeEnrichClient.person(identifier, 0.9)))));
  }

  private void commit() {
    published.forEach(record -> global.put(Bytes.wrap(record.key), record.value));
    published.clear();
  }

  private void claim(int n, long nowMs) {
    book.claim(GROUP, email(n), nowMs);
  }

  @Test
  void aTwinOfAnOwnAnswerIsAnsweredBeforeTheCommitHoweverManyAnswersCameAfterIt() {
    int answers = 5 * AnswerCache.RECENT_ANSWERS;
    for (int n = 0; n < answers; n++) {
      claim(n, 0);
    }
    commit();
    for (int n = 0; n < answers; n++) {
      book.put(GROUP, email(n), answer(email(n)), 10);
    }

    for (int n = 0; n < answers; n++) {
      assertThat(book.standing(GROUP, email(n), 20))
          .as("twin of " + email(n) + ", its answer not committed yet")
          .isEqualTo(new ReuseLookup.Answered(answer(email(n)).answer(), 10));
    }
  }

  @Test
  void ownAnswersAreForgottenOnceTheBookShowsThem() {
    for (int n = 0; n < 3; n++) {
      book.put(GROUP, email(n), answer(email(n)), 10);
    }
    assertThat(book.uncommitted()).isEqualTo(3);
    commit();

    book.put(GROUP, email(3), answer(email(3)), 20);

    assertThat(book.uncommitted()).as("only the answer published since").isEqualTo(1);
    assertThat(book.standing(GROUP, email(0), 30))
        .isEqualTo(new ReuseLookup.Answered(answer(email(0)).answer(), 10));
  }

  @Test
  void anOwnClaimWithNoAnswerYetIsStillMine() {
    claim(1, 0);
    commit();

    assertThat(book.standing(GROUP, email(1), 10)).isInstanceOf(ReuseLookup.Mine.class);
  }

  @Test
  void anExpiredOwnAnswerIsNotReused() {
    claim(1, 0);
    commit();
    book.put(GROUP, email(1), answer(email(1)), 10);

    assertThat(book.standing(GROUP, email(1), 10 + TTL))
        .isNotInstanceOf(ReuseLookup.Answered.class);
    assertThat(ReuseRecordCodec.decode(published.get(0).value))
        .containsInstanceOf(ReuseRecord.Answer.class);
  }
}
