package io.personenricher.testutil;

import io.personenricher.ledger.LogEntry;
import io.personenricher.ledger.SharedLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One ordered log read by several instances, as the Kafka ledger topic is: every reader has its own
 * position, records are stamped by one clock (as the broker's append time), and nothing is visible
 * to a reader until it polls, so a test decides when each instance catches up.
 *
 * <p>Threading notes: methods synchronise on the log.
 */
public final class SharedTestLog<V> {

  private final List<LogEntry<V>> entries = new ArrayList<>();
  private final Clock clock;

  public SharedTestLog(Clock clock) {
    this.clock = clock;
  }

  public synchronized List<LogEntry<V>> entries() {
    return List.copyOf(entries);
  }

  /** A reader of the log, positioned at its start, as an instance that just started. */
  public SharedLog<V> reader() {
    return new SharedLog<>() {
      private int position;

      @Override
      public CompletionStage<Void> append(String key, V value) {
        synchronized (SharedTestLog.this) {
          entries.add(new LogEntry<>(key, value, entries.size(), clock.millis()));
        }
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public List<LogEntry<V>> poll(long maxWaitMs) {
        synchronized (SharedTestLog.this) {
          List<LogEntry<V>> out = List.copyOf(entries.subList(position, entries.size()));
          position = entries.size();
          return out;
        }
      }

      @Override
      public boolean local() {
        return false;
      }

      @Override
      public void close() {}
    };
  }
}
