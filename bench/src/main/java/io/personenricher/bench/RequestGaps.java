package io.personenricher.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The gaps between a quota-bound drain's requests, as the API saw them: where the share of the quota it did not use
 * went. A drain that holds the pace sends one request per slot of the client's grid, so its typical gap is the slot;
 * a gap of several slots is a stall, and each costs the slots it spans less one.
 *
 * @param requests requests counted
 * @param medianMillis the typical gap (the grid's slot, when the drain keeps up)
 * @param longestMillis the longest gap
 * @param longestAtSeconds when the longest gap began, from the first request
 * @param stalls gaps longer than {@link #STALL_SLOTS} typical gaps
 * @param slotsLostToStalls the slots those gaps spanned beyond their own, at the typical gap
 */
record RequestGaps(int requests, double medianMillis, double longestMillis, double longestAtSeconds, int stalls,
    long slotsLostToStalls) {

  /** A gap this many typical gaps long, or longer, is a stall. */
  static final double STALL_SLOTS = 3;

  /** The gaps of these arrivals ({@link System#nanoTime()}, oldest first); null for fewer than three. */
  static RequestGaps of(List<Long> arrivalNanos) {
    if (arrivalNanos.size() < 3) {
      return null;
    }
    List<Double> gaps = new ArrayList<>();
    double longest = -1;
    long longestStart = 0;
    for (int i = 1; i < arrivalNanos.size(); i++) {
      double gap = (arrivalNanos.get(i) - arrivalNanos.get(i - 1)) / 1e6;
      gaps.add(gap);
      if (gap > longest) {
        longest = gap;
        longestStart = arrivalNanos.get(i - 1);
      }
    }
    List<Double> sorted = gaps.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    int stalls = 0;
    long lost = 0;
    for (double gap : gaps) {
      if (median > 0 && gap >= STALL_SLOTS * median) {
        stalls++;
        lost += Math.round(gap / median) - 1;
      }
    }
    return new RequestGaps(arrivalNanos.size(), median, longest, (longestStart - arrivalNanos.get(0)) / 1e9, stalls,
        lost);
  }
}
