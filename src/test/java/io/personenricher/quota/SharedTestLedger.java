package io.personenricher.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One ordered log read by several instances, as the Kafka ledger is, with a propagation delay: a
 * record appended at t reaches the readers' polls from t + delay on, all in the order appended.
 *
 * <p>Threading notes: the simulation is single-threaded; methods synchronise anyway.
 */
final class SharedTestLedger {

  private record Entry(long visibleAtMs, LedgerRecord record) {}

  private final List<Entry> log = new ArrayList<>();
  private final LongSupplier clock;
  private final long delayMs;

  SharedTestLedger(LongSupplier clock, long delayMs) {
    this.clock = clock;
    this.delayMs = delayMs;
  }

  synchronized List<LedgerRecord> records() {
    return log.stream().map(Entry::record).toList();
  }

  /** A reader of the log, positioned at its start, as an instance that just started. */
  QuotaLedger reader() {
    return new QuotaLedger() {
      private int position;

      @Override
      public void append(LedgerRecord record) {
        synchronized (SharedTestLedger.this) {
          log.add(new Entry(clock.getAsLong() + delayMs, record));
        }
      }

      @Override
      public List<LedgerRecord> poll(long maxWaitMs) {
        synchronized (SharedTestLedger.this) {
          List<LedgerRecord> out = new ArrayList<>();
          long now = clock.getAsLong();
          while (position < log.size() && log.get(position).visibleAtMs() <= now) {
            out.add(log.get(position++).record());
          }
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
