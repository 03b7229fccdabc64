package io.personenricher.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A shared log in memory, for one instance on its own (and tests): an appended record is visible to
 * the next poll at once, stamped with the clock's time and the next offset.
 *
 * <p>Threading notes: all methods synchronise on the log; the unread list is bounded by its one
 * reader, which drains it.
 */
public final class InMemoryLog<V> implements SharedLog<V> {

  private final Clock clock;
  private final List<LogEntry<V>> unread = new ArrayList<>();
  private long nextOffset;

  public InMemoryLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Void> append(String key, V value) {
    unread.add(new LogEntry<>(key, value, nextOffset++, clock.millis()));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized List<LogEntry<V>> poll(long maxWaitMs) {
    List<LogEntry<V>> entries = List.copyOf(unread);
    unread.clear();
    return entries;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public void close() {}
}
