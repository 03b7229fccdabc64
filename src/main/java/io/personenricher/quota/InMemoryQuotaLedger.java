package io.personenricher.quota;

import java.util.ArrayList;
import java.util.List;

/**
 * A quota ledger in memory, for one instance on its own (and tests): appended records are visible
 * to the next poll at once, so the quota needs no thread of its own.
 *
 * <p>Threading notes: all methods synchronise on the ledger; the list is bounded by the poller,
 * which drains it.
 */
public final class InMemoryQuotaLedger implements QuotaLedger {

  private final List<LedgerRecord> unread = new ArrayList<>();

  @Override
  public synchronized void append(LedgerRecord record) {
    unread.add(record);
  }

  @Override
  public synchronized List<LedgerRecord> poll(long maxWaitMs) {
    List<LedgerRecord> records = List.copyOf(unread);
    unread.clear();
    return records;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public void close() {}
}
