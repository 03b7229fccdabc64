package io.personenricher.quota;

import java.time.Duration;
import java.util.List;

/** How a sliding-window API counts sends, for the quota's tests. */
final class WindowCounts {

  private WindowCounts() {}

  /** The most of {@code times} (epoch ms, any order) that fall within any one {@code window}. */
  static int maxInAnyWindow(List<Long> times, Duration window) {
    List<Long> sorted = times.stream().sorted().toList();
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= window.toMillis()) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
