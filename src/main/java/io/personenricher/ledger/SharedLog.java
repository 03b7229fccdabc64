package io.personenricher.ledger;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A single ordered log that every instance of an application reads in the same order: a
 * one-partition Kafka topic ({@link KafkaLog}), or memory for one instance on its own ({@link
 * InMemoryLog}). The quota's slots and the credit budget's reservations are decided by folding it.
 *
 * <p>Threading notes: {@link #append} may be called from any thread (appends from one thread keep
 * their order); {@link #poll} only from the one thread that reads the log.
 */
public interface SharedLog<V> extends AutoCloseable {

  /**
   * Appends a record under {@code key} (the compaction key on Kafka); it shows up in {@link #poll}
   * after every record appended before it. The stage completes once the log has it, or
   * exceptionally when it could not be written.
   */
  CompletionStage<Void> append(String key, V value);

  /**
   * The records appended since the last poll, in log order, waiting at most {@code maxWaitMs} for
   * the first (0: do not wait).
   */
  List<LogEntry<V>> poll(long maxWaitMs);

  /** True when appended records are visible to {@link #poll} at once (no other instances). */
  boolean local();

  @Override
  void close();
}
