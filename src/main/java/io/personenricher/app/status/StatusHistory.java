package io.personenricher.app.status;

import io.personenricher.metrics.MetricsSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last minutes of {@link MetricsSnapshot}s, one every {@link #SAMPLE_INTERVAL}, so the status
 * page shows a history from its first load instead of only from when it was opened. Bounded: the
 * oldest sample goes when a new one would exceed {@link #SPAN}.
 *
 * <p>Threading notes: a Vert.x timer adds, the ops server's request handlers read; both synchronize
 * on this object and copy at most a few hundred small records.
 */
public final class StatusHistory {

  /** How often the composition root takes a sample. */
  public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(2);

  /** How far back the page looks. */
  public static final Duration SPAN = Duration.ofMinutes(5);

  private final int capacity;
  private final Deque<MetricsSnapshot> samples;

  public StatusHistory() {
    this((int) (SPAN.toMillis() / SAMPLE_INTERVAL.toMillis()) + 1);
  }

  StatusHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  public synchronized void add(MetricsSnapshot sample) {
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  /** Oldest first. */
  public synchronized List<MetricsSnapshot> samples() {
    return List.copyOf(samples);
  }
}
