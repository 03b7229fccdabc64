package io.personenricher.batching;

import java.util.Arrays;

/**
 * The segments of one group in the pending store, in memory: each segment's offset (its store key)
 * and how many entries it holds, sorted by offset, in two primitive arrays (12 bytes a segment), so
 * that finding the segment that holds an offset costs no store read and a large backlog costs
 * little heap.
 *
 * <p>Segments are mostly added at the end (new input) and removed at the front (answered first), so
 * the live part of the arrays starts at {@code start}, and a removal at the front moves nothing.
 *
 * <p>Threading notes: stream thread only.
 */
final class SegmentIndex {

  private long[] offsets = new long[8];
  private int[] counts = new int[8];
  private int start;
  private int end;

  int size() {
    return end - start;
  }

  /** The position of the segment with the greatest offset at or below {@code offset}, or -1. */
  int floor(long offset) {
    int found = Arrays.binarySearch(offsets, start, end, offset);
    if (found >= 0) {
      return found;
    }
    int insertion = -found - 1;
    return insertion == start ? -1 : insertion - 1;
  }

  long offsetAt(int position) {
    return offsets[position];
  }

  int countAt(int position) {
    return counts[position];
  }

  void setCount(int position, int count) {
    counts[position] = count;
  }

  /** Adds a segment (its offset not yet in the index). */
  void add(long offset, int count) {
    int position = floor(offset) + 1;
    if (position < start) {
      position = start;
    }
    if (position == start && start > 0) {
      start--;
      offsets[start] = offset;
      counts[start] = count;
      return;
    }
    if (end == offsets.length) {
      grow();
      position = floor(offset) + 1;
      position = Math.max(position, start);
    }
    System.arraycopy(offsets, position, offsets, position + 1, end - position);
    System.arraycopy(counts, position, counts, position + 1, end - position);
    offsets[position] = offset;
    counts[position] = count;
    end++;
  }

  void removeAt(int position) {
    if (position == start) {
      start++;
    } else {
      System.arraycopy(offsets, position + 1, offsets, position, end - position - 1);
      System.arraycopy(counts, position + 1, counts, position, end - position - 1);
      end--;
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  private void grow() {
    int live = end - start;
    // Reclaim the front first; double only when the live part fills more than half.
    if (live * 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      counts = Arrays.copyOf(counts, counts.length * 2);
    }
    System.arraycopy(offsets, start, offsets, 0, live);
    System.arraycopy(counts, start, counts, 0, live);
    start = 0;
    end = live;
  }
}
