package io.personenricher.quota;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps a broker caught up with a shared (Kafka) ledger: it reads what the other
 * instances appended, and lets the broker claim and release slots, in a loop.
 *
 * <p>Threading notes: one daemon thread; {@link #close} stops it and waits for it.
 */
public final class LedgerReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LedgerReader.class);
  private static final long POLL_MS = 20;

  private final LedgerPermitBroker broker;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  public LedgerReader(LedgerPermitBroker broker, Clock clock, String name) {
    this.broker = broker;
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
        broker.catchUp(clock.millis(), POLL_MS);
        failures = 0;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        failures++;
        log.warn("Quota ledger read failed ({} in a row): {}", failures, e.toString());
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
