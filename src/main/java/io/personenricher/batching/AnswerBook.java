package io.personenricher.batching;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseLookup.Standing;
import io.personenricher.reuse.ReuseRecord;
import io.personenricher.reuse.ReuseRecordCodec;
import io.personenricher.reuse.StoredAnswer;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;

/**
 * The application's answer book as one task uses it (reuse scope {@code application}): it reads the
 * global store every instance folds from the answers topic ({@link ReuseLookup}), and publishes
 * this task's claims, answers and releases to that topic, in the task's transaction.
 *
 * <p>The global store sees a record only once the transaction that wrote it commits, so this task's
 * own answers are kept in {@link UncommittedAnswers} until it shows them; a twin of a fresh answer
 * arriving before then is answered from there. In front of both, {@link RecentAnswers} caches the
 * answers used last, decoded, so a hit parses no JSON and reads no store.
 *
 * <p>Threading notes: stream thread only. The global store is written by the instance's global
 * thread; each look-up reads it once.
 */
final class AnswerBook implements AnswerReuse {

  /** Sends one record to the answers topic (the processor's answers sink). */
  @FunctionalInterface
  interface Publisher {
    void publish(byte[] key, byte[] value, long timestampMs);
  }

  /**
   * Own answers kept for the book at most: a commit interval's worth at several thousand answers a
   * second per task, far more than the API's quota allows.
   */
  static final int UNCOMMITTED_ANSWERS = 4_096;

  private final ReuseLookup lookup;
  private final String taskId;
  private final long ttlMs;
  private final long leaseMs;
  private final Publisher publisher;
  private final EnricherMetrics metrics;
  private final AnswerKeys keys = new AnswerKeys();
  private final RecentAnswers recent = new RecentAnswers(AnswerCache.RECENT_ANSWERS);
  private final UncommittedAnswers uncommitted;
  private final UncommittedAnswers.BookView bookView;

  AnswerBook(
      ReuseLookup lookup,
      String taskId,
      Duration ttl,
      Duration lease,
      Publisher publisher,
      EnricherMetrics metrics) {
    this.metrics = metrics;
    this.lookup = lookup;
    this.taskId = taskId;
    this.ttlMs = ttl.toMillis();
    this.leaseMs = lease.toMillis();
    this.publisher = publisher;
    this.uncommitted = new UncommittedAnswers(UNCOMMITTED_ANSWERS, ttlMs);
    this.bookView = lookup::answeredAtMs;
  }

  @Override
  public Optional<Reused> get(GroupKey group, String normalized, long nowMs) {
    Standing standing = standing(keys.of(group, normalized), nowMs);
    if (standing instanceof ReuseLookup.Answered answered) {
      RecentAnswers.Recent known = recent.get(keys.of(group, normalized));
      return Optional.of(new Reused(answered.answer(), known == null || known.fromBook()));
    }
    return Optional.empty();
  }

  @Override
  public Standing standing(GroupKey group, String normalized, long nowMs) {
    return standing(keys.of(group, normalized), nowMs);
  }

  private Standing standing(Bytes key, long nowMs) {
    RecentAnswers.Recent known = recent.get(key);
    if (known != null && nowMs - known.answeredAtMs() < ttlMs) {
      return new ReuseLookup.Answered(known.answer(), known.answeredAtMs());
    }
    Standing standing = lookup.of(key, taskId, nowMs);
    if (standing instanceof ReuseLookup.Answered answered) {
      recent.put(key, new RecentAnswers.Recent(answered.answer(), answered.answeredAtMs(), true));
      return standing;
    }
    RecentAnswers.Recent own = uncommitted.get(key);
    if (own != null && nowMs - own.answeredAtMs() < ttlMs) {
      recent.put(key, own);
      return new ReuseLookup.Answered(own.answer(), own.answeredAtMs());
    }
    return standing;
  }

  @Override
  public void put(GroupKey group, String normalized, StoredAnswer answer, long nowMs) {
    Bytes key = keys.of(group, normalized);
    RecentAnswers.Recent own = new RecentAnswers.Recent(answer.answer(), nowMs, false);
    uncommitted.forgetShown(bookView, nowMs);
    if (uncommitted.put(key, own)) {
      metrics.recordUnseenAnswerDropped();
    }
    recent.put(key, own);
    publish(key, new ReuseRecord.Answer(nowMs, answer.encoded()), nowMs);
  }

  @Override
  public void claim(GroupKey group, String normalized, long nowMs) {
    publish(keys.of(group, normalized), new ReuseRecord.Claim(taskId, nowMs + leaseMs), nowMs);
  }

  @Override
  public void release(GroupKey group, String normalized, long nowMs) {
    publish(keys.of(group, normalized), new ReuseRecord.Release(taskId), nowMs);
  }

  @Override
  public boolean claims() {
    return true;
  }

  /** Own answers the book does not show yet, for tests. */
  int uncommitted() {
    return uncommitted.size();
  }

  private void publish(Bytes key, ReuseRecord record, long nowMs) {
    publisher.publish(key.get(), ReuseRecordCodec.encode(record), nowMs);
  }
}
