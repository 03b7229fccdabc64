package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.TestStores;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyOrderGateTest {

  private final KeyOrderGate gate =
      new KeyOrderGate(
          true,
          TestStores.inMemory("parked"),
          TestStores.inMemory("heads"),
          new PendingEntryCodec());

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
    KeyOrderGate off =
        new KeyOrderGate(
            false, TestStores.inMemory("p"), TestStores.inMemory("h"), new PendingEntryCodec());

    assertThat(gate.enter(Entries.email(1, null, "a@x.com", 0))).isTrue();
    assertThat(gate.enter(Entries.email(2, null, "b@x.com", 0))).isTrue();
    assertThat(off.enter(Entries.email(3, "k", "c@x.com", 0))).isTrue();
    assertThat(off.enter(Entries.email(4, "k", "d@x.com", 0))).isTrue();
    assertThat(gate.parkedCount() + off.parkedCount()).isZero();
  }

  @Test
  void theParkedCountIsRebuiltFromTheStoreAfterARestore() {
    var parked = TestStores.inMemory("parked2");
    var heads = TestStores.inMemory("heads2");
    KeyOrderGate before = new KeyOrderGate(true, parked, heads, new PendingEntryCodec());
    before.enter(Entries.email(1, "k", "a@x.com", 0));
    before.enter(Entries.email(2, "k", "b@x.com", 0));

    KeyOrderGate restored = new KeyOrderGate(true, parked, heads, new PendingEntryCodec());
    restored.recount();

    assertThat(restored.parkedCount()).isEqualTo(1);
    assertThat(restored.enter(Entries.email(3, "k", "c@x.com", 0))).isFalse();
  }

  private static byte[] key(String key) {
    return key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
