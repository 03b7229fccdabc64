package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class KeyOrderGateTest {

  private final KeyValueStore<Bytes, byte[]> parked = TestStores.inMemory("parked");
  private final KeyValueStore<Bytes, byte[]> overflow = TestStores.inMemory("heads");
  private final KeyOrderGate gate = gate(true, 10);

  private KeyOrderGate gate(boolean enabled, int headsInMemory) {
    return new KeyOrderGate(
        enabled, parked, new KeyHeads(overflow, headsInMemory), new PendingEntryCodec());
  }

  @Test
  void theFirstEventOfAKeyGoesOnAndLaterOnesWaitBehindIt() {
    assertThat(gate.enter(Entries.email(1, "k", "a@x.com", 0))).isTrue();
    assertThat(gate.enter(Entries.email(2, "k", "b@x.com", 0))).isFalse();
    assertThat(gate.enter(Entries.email(3, "other", "c@x.com", 0))).isTrue();

    assertThat(gate.parkedCount()).isEqualTo(1);
  }

  @Test
  void finishingTheHeadReleasesTheParkedEventsOneAtATimeInInputOrder() {
    gate.enter(Entries.email(1, "k", "a@x.com", 0));
    gate.enter(Entries.email(2, "k", "b@x.com", 0));
    gate.enter(Entries.email(3, "k", "c@x.com", 0));

    Optional<PendingEntry> second = gate.finish(key("k"));
    Optional<PendingEntry> third = gate.finish(key("k"));
    Optional<PendingEntry> none = gate.finish(key("k"));

    assertThat(second).map(PendingEntry::offset).contains(2L);
    assertThat(third).map(PendingEntry::offset).contains(3L);
    assertThat(none).isEmpty();
    assertThat(gate.parkedCount()).isZero();
    assertThat(gate.enter(Entries.email(4, "k", "d@x.com", 0)))
        .as("the key is free again")
        .isTrue();
  }

  @Test
  void aReleasedEventIsTheNewHeadSoANewcomerStillWaits() {
    gate.enter(Entries.email(1, "k", "a@x.com", 0));
    gate.enter(Entries.email(2, "k", "b@x.com", 0));
    gate.finish(key("k"));

    assertThat(gate.enter(Entries.email(5, "k", "e@x.com", 0))).isFalse();
  }

  @Test
  void eventsWithoutAKeyAndEveryEventWhenOrderingIsOffPassStraightThrough() {
    KeyOrderGate off = gate(false, 10);

    assertThat(gate.enter(Entries.email(1, null, "a@x.com", 0))).isTrue();
    assertThat(gate.enter(Entries.email(2, null, "b@x.com", 0))).isTrue();
    assertThat(off.enter(Entries.email(3, "k", "c@x.com", 0))).isTrue();
    assertThat(off.enter(Entries.email(4, "k", "d@x.com", 0))).isTrue();
    assertThat(gate.parkedCount() + off.parkedCount()).isZero();
  }

  @Test
  void anEventAdmittedAndFinishedWithNothingBehindItWritesNoStore() {
    gate.enter(Entries.email(1, "k", "a@x.com", 0));
    gate.finish(key("k"));

    assertThat(count(parked)).isZero();
    assertThat(count(overflow)).as("the head lived in memory").isZero();
  }

  @Test
  void headsBeyondTheMemoryLimitGoToTheLocalStoreAndBehaveTheSame() {
    KeyOrderGate small = gate(true, 1);
    small.enter(Entries.email(1, "a", "a@x.com", 0));
    small.enter(Entries.email(2, "b", "b@x.com", 0));

    assertThat(count(overflow)).isEqualTo(1);
    assertThat(small.enter(Entries.email(3, "b", "c@x.com", 0))).isFalse();
    assertThat(small.finish(key("b"))).map(PendingEntry::offset).contains(3L);
    assertThat(small.finish(key("b"))).isEmpty();
    assertThat(count(overflow)).isZero();
  }

  @Test
  void theHeadsAreRebuiltFromTheHeldEventsWhenATaskStarts() {
    KeyOrderGate before = gate(true, 1);
    before.enter(Entries.email(1, "k", "a@x.com", 0));
    before.enter(Entries.email(2, "j", "b@x.com", 0));
    before.enter(Entries.email(3, "k", "c@x.com", 0));

    // A new owner: the stores as committed (parked, and the held events' keys), memory empty.
    KeyOrderGate restored = gate(true, 1);
    restored.beginRestore();
    restored.restoreHead(key("k"));
    List<PendingEntry> released = restored.finishRestore();

    assertThat(released).isEmpty();
    assertThat(restored.parkedCount()).isEqualTo(1);
    assertThat(restored.enter(Entries.email(4, "k", "d@x.com", 0))).isFalse();
    assertThat(restored.enter(Entries.email(5, "j", "e@x.com", 0)))
        .as(
            "j's head was not held any more: what the previous owner left in the local store is gone")
        .isTrue();
    assertThat(restored.finish(key("k"))).map(PendingEntry::offset).contains(3L);
    assertThat(restored.finish(key("k"))).map(PendingEntry::offset).contains(4L);
  }

  @Test
  void aParkedEventWhoseKeyHasNoHeadIsReleasedWhenATaskStarts() {
    gate.enter(Entries.email(1, "k", "a@x.com", 0));
    gate.enter(Entries.email(2, "k", "b@x.com", 0));
    gate.enter(Entries.email(3, "k", "c@x.com", 0));

    KeyOrderGate restored = gate(true, 10);
    restored.beginRestore();
    List<PendingEntry> released = restored.finishRestore();

    assertThat(released).extracting(PendingEntry::offset).containsExactly(2L);
    assertThat(restored.parkedCount()).isEqualTo(1);
    assertThat(restored.finish(key("k"))).map(PendingEntry::offset).contains(3L);
  }

  @Test
  void withOrderingOffEveryParkedEventIsReleasedWhenATaskStarts() {
    gate.enter(Entries.email(1, "k", "a@x.com", 0));
    gate.enter(Entries.email(2, "k", "b@x.com", 0));
    gate.enter(Entries.email(3, "k", "c@x.com", 0));

    KeyOrderGate off = gate(false, 10);
    off.beginRestore();
    List<PendingEntry> released = off.finishRestore();

    assertThat(released).extracting(PendingEntry::offset).containsExactly(2L, 3L);
    assertThat(off.parkedCount()).isZero();
  }

  private static long count(KeyValueStore<Bytes, byte[]> store) {
    return store.approximateNumEntries();
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
