package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import io.personenricher.reuse.StoredAnswer;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.CountingStore;
import io.personenricher.testutil.FakeEnrichClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

  private static final GroupKey GROUP =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
  private static final long TTL = 60_000;

  private final CountingStore store = new CountingStore("answers");
  private final AnswerCache cache = new AnswerCache(store, Duration.ofMillis(TTL));

  private static MappedAnswer answer(String identifier) {
    return MappedAnswer.of(
        new EnrichEntry(
            identifier, "business_email", List.of(FakeEnrichClient.person(identifier, 0.9))));
  }

  @Test
  void anIdentifierFoundMissingIsNotLookedUpInTheStoreAgainUntilItIsAnswered() {
    assertThat(cache.get(GROUP, "a@x.com", 0)).isEmpty();
    assertThat(cache.get(GROUP, "a@x.com", 1)).isEmpty();
    assertThat(store.gets()).isEqualTo(1);

    cache.put(GROUP, "a@x.com", StoredAnswer.of(answer("a@x.com")), 2);

    assertThat(cache.get(GROUP, "a@x.com", 3).map(AnswerReuse.Reused::answer))
        .contains(answer("a@x.com"));
  }

  @Test
  void aRecentAnswerIsServedDecodedWithoutReadingTheStore() {
    cache.put(GROUP, "a@x.com", StoredAnswer.of(answer("a@x.com")), 0);

    assertThat(cache.get(GROUP, "a@x.com", 10).map(AnswerReuse.Reused::answer))
        .contains(answer("a@x.com"));
    assertThat(store.gets()).isZero();
    assertThat(store.writes()).as("the store stays the source of truth").isEqualTo(1);
  }

  @Test
  void anAnswerOnlyInTheStoreIsReadDecodedOnceAndThenServedFromMemory() {
    new AnswerCache(store, Duration.ofMillis(TTL))
        .put(GROUP, "a@x.com", StoredAnswer.of(answer("a@x.com")), 0);

    assertThat(cache.get(GROUP, "a@x.com", 10).map(AnswerReuse.Reused::answer))
        .contains(answer("a@x.com"));
    assertThat(cache.get(GROUP, "a@x.com", 20).map(AnswerReuse.Reused::answer))
        .contains(answer("a@x.com"));
    assertThat(store.gets()).isEqualTo(1);
  }

  @Test
  void answersInMemoryExpireLikeThoseInTheStore() {
    cache.put(GROUP, "a@x.com", StoredAnswer.of(answer("a@x.com")), 0);

    assertThat(cache.get(GROUP, "a@x.com", TTL - 1)).isPresent();
    assertThat(cache.get(GROUP, "a@x.com", TTL)).isEmpty();
  }

  @Test
  void aZeroTimeToLiveReadsAndWritesNothing() {
    AnswerCache off = new AnswerCache(store, Duration.ZERO);

    off.put(GROUP, "a@x.com", StoredAnswer.of(answer("a@x.com")), 0);

    assertThat(off.get(GROUP, "a@x.com", 0)).isEmpty();
    assertThat(store.gets() + store.writes()).isZero();
  }
}
