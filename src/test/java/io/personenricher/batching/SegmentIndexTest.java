package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SegmentIndexTest {

  @Test
  void findsTheSegmentAtOrBelowAnOffset() {
    SegmentIndex index = new SegmentIndex();
    index.add(10, 3);
    index.add(20, 4);
    index.add(30, 5);

    assertThat(index.floor(9)).isEqualTo(-1);
    assertThat(index.offsetAt(index.floor(10))).isEqualTo(10);
    assertThat(index.offsetAt(index.floor(29))).isEqualTo(20);
    assertThat(index.countAt(index.floor(29))).isEqualTo(4);
    assertThat(index.offsetAt(index.floor(Long.MAX_VALUE))).isEqualTo(30);
  }

  @Test
  void staysSortedThroughAddsAndRemovalsAnywhere() {
    SegmentIndex index = new SegmentIndex();
    TreeMap<Long, Integer> expected = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int step = 0; step < 5_000; step++) {
      long offset = random.nextLong(1_000);
      if (expected.containsKey(offset)) {
        expected.remove(offset);
        index.removeAt(index.floor(offset));
      } else {
        expected.put(offset, (int) offset % 25);
        index.add(offset, (int) offset % 25);
      }
      long probe = random.nextLong(1_100);
      Long floor = expected.floorKey(probe);
      int position = index.floor(probe);
      assertThat(position < 0 ? null : index.offsetAt(position)).isEqualTo(floor);
      if (floor != null) {
        assertThat(index.countAt(position)).isEqualTo(expected.get(floor));
      }
      assertThat(index.size()).isEqualTo(expected.size());
    }
  }

  @Test
  void removingFromTheFrontAndAddingAtTheEndKeepsAFixedFootprint() {
    SegmentIndex index = new SegmentIndex();
    for (long offset = 0; offset < 100_000; offset++) {
      index.add(offset, 1);
      if (offset >= 4) {
        index.removeAt(index.floor(offset - 4));
      }
    }

    assertThat(index.size()).isEqualTo(4);
    assertThat(index.offsetAt(index.floor(99_996))).isEqualTo(99_996);
  }
}
