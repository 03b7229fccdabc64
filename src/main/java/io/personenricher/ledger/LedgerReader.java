package io.personenricher.ledger;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps a fold caught up with a shared (Kafka) log: it reads what the other
 * instances appended and lets the fold's owner act on it (claim and release quota slots, decide
 * credit reservations), in a loop.
 *
 * <p>Threading notes: one daemon thread; {@link #close} stops it and waits for it.
 */
public final class LedgerReader implements AutoCloseable {

  /** One turn of the loop: read what the log holds (waiting at most {@code maxWaitMs}), act. */
  @FunctionalInterface
  public interface CatchUp {
    void catchUp(long nowMs, long maxWaitMs);
  }

  private static final Logger log = LoggerFactory.getLogger(LedgerReader.class);
  private static final long POLL_MS = 20;

  private final CatchUp step;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param name the thread's name, also used in the log
   */
  public LedgerReader(CatchUp step, Clock clock, String name) {
    this.step = step;
    this.clock = clock;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public LedgerReader start() {
    thread.start();
    return this;
  }

  private void run() {
    long failures = 0;
    while (running) {
      try {
        step.catchUp(clock.millis(), POLL_MS);
        failures = 0;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        failures++;
        log.warn(
            "{}: reading the ledger failed ({} in a row): {}",
            thread.getName(),
            failures,
            e.toString());
        try {
          // Backing off a reader that keeps failing (e.g. the broker is gone for a while).
          Thread.sleep(Math.min(5_000, 100 * failures));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
