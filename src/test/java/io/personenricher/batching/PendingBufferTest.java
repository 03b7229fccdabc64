package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.testutil.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class PendingBufferTest {

  private static final int SEGMENT = 25;

  private final KeyValueStore<Bytes, byte[]> store = TestStores.inMemory("pending");
  private final PendingEntryCodec codec = new PendingEntryCodec();
  private final PendingBuffer buffer = new PendingBuffer(store, codec, SEGMENT);
  private final GroupKey group = Entries.groupOf(email(0));

  private static PendingEntry email(long offset) {
    return Entries.email(offset, "key-" + offset, "p" + offset + "@x.com", offset);
  }

  private List<Long> scan(PendingBuffer from, long fromOffset) {
    List<Long> offsets = new ArrayList<>();
    from.scan(
        group,
        fromOffset,
        entry -> {
          offsets.add(entry.offset());
          return true;
        });
    return offsets;
  }

  @Test
  void manyEventsShareFewStoreValuesAndComeBackInInputOrder() {
    for (long offset = 0; offset < 200; offset++) {
      buffer.add(group, email(offset));
    }

    assertThat(buffer.count(group)).isEqualTo(200);
    assertThat(store.approximateNumEntries()).as("segments of " + SEGMENT).isEqualTo(8);
    assertThat(scan(buffer, 0)).hasSize(200).isSorted();
    assertThat(scan(buffer, 150)).first().isEqualTo(150L);
  }

  @Test
  void aScanStopsWhereTheVisitorSaysSo() {
    for (long offset = 0; offset < 100; offset++) {
      buffer.add(group, email(offset));
    }
    List<Long> seen = new ArrayList<>();

    buffer.scan(
        group,
        60,
        entry -> {
          seen.add(entry.offset());
          return seen.size() < 3;
        });

    assertThat(seen).containsExactly(60L, 61L, 62L);
  }

  @Test
  void aLateEntryWithAnOlderOffsetTakesItsPlaceInInputOrder() {
    for (long offset = 10; offset < 150; offset += 2) {
      buffer.add(group, email(offset));
    }
    buffer.add(group, email(3));
    buffer.add(group, email(71));
    buffer.add(group, email(301));

    List<Long> offsets = scan(buffer, 0);

    assertThat(offsets).isSorted().contains(3L, 71L, 301L).hasSize(73);
    assertThat(scan(buffer, 71)).first().isEqualTo(71L);
  }

  @Test
  void removedEntriesAreGoneAndAnEmptiedSegmentLeavesTheStore() {
    for (long offset = 0; offset < 70; offset++) {
      buffer.add(group, email(offset));
    }
    for (long offset = 0; offset < 64; offset++) {
      buffer.remove(group, offset);
    }
    assertThat(store.approximateNumEntries()).as("two segments emptied").isEqualTo(1);
    buffer.remove(group, 66);
    buffer.remove(group, 66);

    assertThat(scan(buffer, 0)).containsExactly(64L, 65L, 67L, 68L, 69L);
    assertThat(buffer.count(group)).isEqualTo(5);
    assertThat(buffer.size()).isEqualTo(5);
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void theLastRemovalForgetsTheGroup() {
    buffer.add(group, email(1));
    buffer.remove(group, 1);

    assertThat(buffer.groups()).isEmpty();
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void countsAndRecordKeysAreRebuiltFromTheStore() {
    for (long offset = 0; offset < 100; offset++) {
      buffer.add(group, email(offset));
    }
    List<String> keys = new ArrayList<>();

    PendingBuffer restored = new PendingBuffer(store, codec, SEGMENT);
    restored.recount(key -> keys.add(new String(key, StandardCharsets.UTF_8)));

    assertThat(restored.count(group)).isEqualTo(100);
    assertThat(restored.size()).isEqualTo(100);
    assertThat(keys).hasSize(100).contains("key-0", "key-99");
    restored.remove(group, 50);
    assertThat(scan(restored, 49)).startsWith(49L, 51L);
  }

  @Test
  void readsTheOneEntryValuesEarlierReleasesWroteNextToSegments() {
    // Format versions 1 and 2: one entry per store value, keyed by its own offset.
    store.put(StoreKeys.pendingKey(group, 5), codec.encodeV1(email(5)));
    store.put(StoreKeys.pendingKey(group, 7), codec.encode(email(7)));
    PendingBuffer restored = new PendingBuffer(store, codec, SEGMENT);
    restored.recount();

    restored.add(group, email(6));
    restored.add(group, email(9));

    assertThat(restored.count(group)).isEqualTo(4);
    assertThat(scan(restored, 0)).containsExactly(5L, 6L, 7L, 9L);
    restored.remove(group, 7);
    restored.remove(group, 5);
    assertThat(scan(restored, 0)).containsExactly(6L, 9L);
    assertThat(restored.count(group)).isEqualTo(2);
  }
}
