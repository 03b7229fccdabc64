package io.personenricher.quota;

import java.util.List;

/**
 * The single ordered log of quota records an application's instances share: every instance reads
 * every record in the same order. In production a one-partition Kafka topic ({@link
 * KafkaQuotaLedger}); for one instance alone, or tests, memory ({@link InMemoryQuotaLedger}).
 *
 * <p>Threading notes: {@link #append} may be called from any thread; {@link #poll} only from the
 * one thread that reads the ledger.
 */
public interface QuotaLedger extends AutoCloseable {

  /** Appends a record; it shows up in {@link #poll} (of every reader) after all earlier ones. */
  void append(LedgerRecord record);

  /**
   * The records appended since the last poll, in ledger order, waiting at most {@code maxWaitMs}
   * for the first (0: do not wait).
   */
  List<LedgerRecord> poll(long maxWaitMs);

  /** True when appended records are visible to {@link #poll} at once (no other instances). */
  boolean local();

  @Override
  void close();
}
