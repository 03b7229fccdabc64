package io.personenricher.batching;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps alive the claims of batches waiting to be sent again (application-wide reuse).
 *
 * <p>A batch waits in the {@link RetryQueue} for a backoff, or for as long as a halt lasts: hours,
 * when the credit budget is spent. Past the claim lease its identifiers would look free to every
 * other task, which would claim them and pay for them a second time once both send. So a waiting
 * batch writes its claims again when it starts waiting (its claim was confirmed before the call,
 * which may have taken up to the request timeout since), and every half lease while it waits.
 *
 * <p>Threading notes: stream thread only.
 */
final class HeldClaims {

  /** Writes one claim ({@link AnswerReuse#claim}). */
  @FunctionalInterface
  interface Claimer {
    void claim(GroupKey group, String normalized, long nowMs);
  }

  private final long renewEveryMs;
  private final Map<Long, Long> renewedAtMs = new HashMap<>();

  /**
   * @param leaseMs how long a claim lasts once written
   */
  HeldClaims(long leaseMs) {
    this.renewEveryMs = Math.max(1, leaseMs / 2);
  }

  /**
   * Writes the claims that are due among the batches waiting now, and forgets the batches that no
   * longer wait (sent, or given up).
   *
   * @return the claims written
   */
  int renew(Collection<Batch> waiting, long nowMs, Claimer claimer) {
    if (waiting.isEmpty()) {
      renewedAtMs.clear();
      return 0;
    }
    Set<Long> ids = new HashSet<>();
    int written = 0;
    for (Batch batch : waiting) {
      ids.add(batch.id());
      Long last = renewedAtMs.get(batch.id());
      if (last != null && nowMs - last < renewEveryMs) {
        continue;
      }
      for (BatchItem item : batch.items()) {
        claimer.claim(batch.group(), item.normalized(), nowMs);
        written++;
      }
      renewedAtMs.put(batch.id(), nowMs);
    }
    renewedAtMs.keySet().retainAll(ids);
    return written;
  }

  /** Batches whose claims this keeps track of, for tests. */
  int tracked() {
    return renewedAtMs.size();
  }
}
