package io.personenricher.app;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The replay's progress bar on stderr: redrawn in place on a terminal, a line every 2 s otherwise
 * (a log or a CI run), and a last line at the end.
 *
 * <p>Threading notes: single thread (the replay's).
 */
final class ReplayProgress implements DeadLetterReplayer.Progress {

  private static final int WIDTH = 30;
  private static final long LINE_EVERY_NANOS = 2_000_000_000L;
  private static final long REDRAW_EVERY_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private long lastDrawNanos;
  private String last = "";
  private String pending;

  ReplayProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(long scanned, long total, long replayed) {
    String line = render(scanned, total, replayed);
    if (line.equals(last)) {
      return;
    }
    long now = System.nanoTime();
    long every = terminal ? REDRAW_EVERY_NANOS : LINE_EVERY_NANOS;
    if (lastDrawNanos != 0 && now - lastDrawNanos < every) {
      pending = line;
      return;
    }
    draw(line, now);
  }

  /** Draws the final state and ends the line. */
  void finish() {
    if (pending != null && !pending.equals(last)) {
      draw(pending, System.nanoTime());
    }
    if (terminal && !last.isEmpty()) {
      err.println();
    }
    err.flush();
  }

  private void draw(String line, long now) {
    if (terminal) {
      err.print("\r" + line);
    } else {
      err.println(line);
    }
    err.flush();
    last = line;
    pending = null;
    lastDrawNanos = now;
  }

  static String render(long scanned, long total, long replayed) {
    double share = total <= 0 ? 1 : Math.min(1, (double) scanned / total);
    int filled = (int) Math.round(share * WIDTH);
    return String.format(
        Locale.ROOT,
        "[%s%s] %3.0f%%  %,d/%,d dead letters read, %,d replayed",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        share * 100,
        scanned,
        total,
        replayed);
  }
}
