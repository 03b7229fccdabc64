package io.personenricher.batching;

import io.personenricher.reuse.ReuseRecordCodec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * This task's own answers that the application's answer book does not show yet, oldest first.
 *
 * <p>The global store sees an answer only once the transaction that published it commits and the
 * global thread has read it: a commit interval or more after the answer came in. A twin arriving in
 * between finds only the task's own claim there, and would be sent again; it is answered here
 * instead. An answer leaves once the book shows it (or a later one), or once it has expired, so
 * what stays is what one commit interval and the global thread's lag bring in, whatever the
 * throughput; a cache in front of the book can then give answers up as it likes.
 *
 * <p>The book publishes answers in the order they were given, so the oldest one is the first it
 * shows, and {@link #forgetShown} looks only at the head: one store read while nothing is shown
 * yet, and none for the other calls at the same clock reading (a batch's answers all come in at
 * once, and an answer forgotten a millisecond later costs nothing). The limit is a guard (a global
 * thread stalled for long), not a working size: past it the oldest answer leaves unseen, and a twin
 * of it may be paid for again; {@link #put} says so, for the caller's meter.
 *
 * <p>Threading notes: stream thread only.
 */
final class UncommittedAnswers {

  /** What the global store shows of a key. */
  @FunctionalInterface
  interface BookView {
    /**
     * When the answer the store holds for {@code key} was given, or {@link
     * ReuseRecordCodec#NO_ANSWER}.
     */
    long answeredAtMs(Bytes key);
  }

  private final int limit;
  private final long ttlMs;
  private final Map<Bytes, RecentAnswers.Recent> unseen = new LinkedHashMap<>();
  private long lookedAtMs = Long.MIN_VALUE;

  UncommittedAnswers(int limit, long ttlMs) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
    this.ttlMs = ttlMs;
  }

  /**
   * Keeps an answer this task just gave, as the newest (an older one of the same key goes).
   *
   * @return whether the oldest answer had to leave unseen, for the limit
   */
  boolean put(Bytes key, RecentAnswers.Recent answer) {
    unseen.remove(key);
    unseen.put(key, answer);
    if (unseen.size() <= limit) {
      return false;
    }
    Iterator<RecentAnswers.Recent> oldest = unseen.values().iterator();
    oldest.next();
    oldest.remove();
    return true;
  }

  /** The answer for {@code key}, if it is still waiting for the book; {@code null} otherwise. */
  RecentAnswers.Recent get(Bytes key) {
    return unseen.get(key);
  }

  /**
   * Forgets, oldest first, the answers the book shows now (itself or a later answer of the same
   * key) and those expired, and stops at the first one still unseen; once per clock reading.
   *
   * @return how many it forgot
   */
  int forgetShown(BookView book, long nowMs) {
    if (nowMs == lookedAtMs) {
      return 0;
    }
    lookedAtMs = nowMs;
    int forgotten = 0;
    Iterator<Map.Entry<Bytes, RecentAnswers.Recent>> oldest = unseen.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<Bytes, RecentAnswers.Recent> head = oldest.next();
      long answeredAtMs = head.getValue().answeredAtMs();
      boolean expired = nowMs - answeredAtMs >= ttlMs;
      if (!expired && book.answeredAtMs(head.getKey()) < answeredAtMs) {
        break;
      }
      oldest.remove();
      forgotten++;
    }
    return forgotten;
  }

  /** Answers waiting for the book. */
  int size() {
    return unseen.size();
  }
}
