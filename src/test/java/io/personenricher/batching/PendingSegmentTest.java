package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingSegmentTest {

  private static byte[] entry(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> contents(byte[] segment, long from) {
    List<String> out = new ArrayList<>();
    PendingSegment.forEach(
        segment,
        from,
        (offset, bytes, at, length) -> {
          out.add(offset + "=" + new String(bytes, at, length, StandardCharsets.UTF_8));
          return true;
        });
    return out;
  }

  @Test
  void keepsEntriesInOffsetOrderWhateverOrderTheyCameIn() {
    byte[] segment = PendingSegment.of(10, entry("ten"));
    segment = PendingSegment.insert(segment, 30, entry("thirty"));
    segment = PendingSegment.insert(segment, 20, entry("twenty"));
    segment = PendingSegment.insert(segment, 5, entry("five"));

    assertThat(contents(segment, Long.MIN_VALUE))
        .containsExactly("5=five", "10=ten", "20=twenty", "30=thirty");
    assertThat(PendingSegment.count(segment)).isEqualTo(4);
    assertThat(PendingSegment.lastOffset(segment)).isEqualTo(30);
    assertThat(PendingSegment.isSegment(segment)).isTrue();
  }

  @Test
  void visitsFromAnOffsetOnAndStopsWhenTheVisitorSaysSo() {
    byte[] segment = PendingSegment.of(1, entry("a"));
    segment = PendingSegment.insert(segment, 2, entry("b"));
    segment = PendingSegment.insert(segment, 3, entry("c"));
    List<Long> seen = new ArrayList<>();

    boolean completed =
        PendingSegment.forEach(
            segment,
            2,
            (offset, bytes, at, length) -> {
              seen.add(offset);
              return false;
            });

    assertThat(completed).isFalse();
    assertThat(seen).containsExactly(2L);
    assertThat(contents(segment, 3)).containsExactly("3=c");
  }

  @Test
  void removingKeepsTheRestAndTheirBoundsAndTheLastEntryEmptiesIt() {
    byte[] segment = PendingSegment.of(1, entry("a"));
    segment = PendingSegment.insert(segment, 2, entry("bb"));
    segment = PendingSegment.insert(segment, 3, entry("ccc"));

    byte[] withoutLast = PendingSegment.remove(segment, 3);
    byte[] withoutFirst = PendingSegment.remove(withoutLast, 1);

    assertThat(contents(withoutLast, 0)).containsExactly("1=a", "2=bb");
    assertThat(PendingSegment.lastOffset(withoutLast)).isEqualTo(2);
    assertThat(contents(withoutFirst, 0)).containsExactly("2=bb");
    assertThat(PendingSegment.insert(withoutFirst, 1, entry("a")))
        .as("the bounds follow the removals: offset 1 goes first again")
        .satisfies(s -> assertThat(contents(s, 0)).containsExactly("1=a", "2=bb"));
    assertThat(PendingSegment.remove(withoutFirst, 2)).isNull();
  }

  @Test
  void removingAnOffsetItDoesNotHoldChangesNothing() {
    byte[] segment = PendingSegment.of(1, entry("a"));

    assertThat(PendingSegment.remove(segment, 7)).isSameAs(segment);
  }

  @Test
  void refusesAnOffsetItHoldsAlready() {
    byte[] segment = PendingSegment.of(1, entry("a"));

    assertThatThrownBy(() -> PendingSegment.insert(segment, 1, entry("again")))
        .hasMessageContaining("offset 1");
  }

  @Test
  void singleEntriesOfEarlierReleasesAreNotSegments() {
    PendingEntry entry = Entries.email(4, "k", "a@x.com", 0);

    assertThat(PendingSegment.isSegment(new PendingEntryCodec().encode(entry))).isFalse();
    assertThat(PendingSegment.isSegment(new PendingEntryCodec().encodeV1(entry))).isFalse();
  }
}
