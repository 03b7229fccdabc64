package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.TestStores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryWaitListTest {

  private final RegistryWaitList list =
      new RegistryWaitList(TestStores.inMemory("wait"), new PendingEntryCodec(), 1_000, 8_000);

  private static PendingEntry raw(long offset) {
    return new PendingEntry(
        "in", 0, offset, null, null, null, new byte[] {0, 0, 0, 0, 1}, null, 0, 0);
  }

  @Test
  void heldEntriesAreOfferedInInputOrderAndLeaveOnceTakenUp() {
    list.hold(raw(7));
    list.hold(raw(3));
    list.hold(raw(5));
    List<Long> offered = new ArrayList<>();

    boolean all = list.retry(0, entry -> offered.add(entry.offset()));

    assertThat(all).isTrue();
    assertThat(offered).containsExactly(3L, 5L, 7L);
    assertThat(list.isEmpty()).isTrue();
  }

  @Test
  void aRetryStopsAtTheFirstEntryTheRegistryStillFailsAndKeepsTheRest() {
    list.hold(raw(1));
    list.hold(raw(2));
    list.hold(raw(3));

    boolean all = list.retry(0, entry -> entry.offset() < 2);

    assertThat(all).isFalse();
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.blocked(500)).isTrue();
  }

  @Test
  void theBackoffDoublesUpToItsCapAndOtherFailuresOfTheSameOutageDoNotLengthenIt() {
    list.failed(0);
    assertThat(list.nextAttemptAtMs()).isEqualTo(1_000);
    list.failed(500);
    assertThat(list.nextAttemptAtMs()).as("still backing off").isEqualTo(1_000);
    list.failed(1_000);
    assertThat(list.nextAttemptAtMs()).isEqualTo(3_000);
    list.failed(3_000);
    list.failed(7_000);
    list.failed(15_000);
    assertThat(list.nextAttemptAtMs()).isEqualTo(23_000);
  }

  @Test
  void aSuccessfulRetryEndsTheOutage() {
    list.failed(0);
    list.hold(raw(1));
    assertThat(list.due(999)).isFalse();
    assertThat(list.due(1_000)).isTrue();

    list.retry(1_000, entry -> true);

    assertThat(list.failing()).isFalse();
    assertThat(list.blocked(1_001)).isFalse();
    assertThat(list.due(2_000)).isFalse();
  }

  @Test
  void theSizeIsRebuiltFromTheStoreAfterARestore() {
    var store = TestStores.inMemory("wait2");
    RegistryWaitList before = new RegistryWaitList(store, new PendingEntryCodec(), 1, 1);
    before.hold(raw(1));
    before.hold(raw(1));
    before.hold(raw(2));

    RegistryWaitList restored = new RegistryWaitList(store, new PendingEntryCodec(), 1, 1);
    restored.recount();

    assertThat(before.size()).as("holding the same offset twice keeps one").isEqualTo(2);
    assertThat(restored.size()).isEqualTo(2);
  }
}
