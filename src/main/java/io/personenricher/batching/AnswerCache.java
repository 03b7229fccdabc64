package io.personenricher.batching;

import io.personenricher.reuse.AnswerCodec;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseLookup.Standing;
import io.personenricher.reuse.StoredAnswer;
import io.personenricher.routing.MappedAnswer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recent API answers by group and normalised identifier in the task's own store (reuse scope {@code
 * task}), so an identifier seen again by the same task within the time-to-live is answered without
 * another request: the API charges per matched profile, and the quota is per request. A twin on
 * another task is paid again; scope {@code application} ({@link AnswerBook}) avoids that.
 *
 * <p>The store is changelogged like the pending store, so a new owner keeps the cache. Entries
 * expire on read and are swept periodically; a zero time-to-live turns the cache off. Nothing is
 * ever claimed: every identifier stands as this task's own.
 *
 * <p>Two bounded layers in memory spare the store, which stays the source of truth (both are
 * emptied with the processor, and only this class writes the store): the answers read or written
 * most recently, decoded ({@link RecentAnswers}), so a hit on one of them decodes nothing; and the
 * identifiers the store was found not to hold, so the second look-up of a new identifier
 * (admission, then the batch scan) does not reach RocksDB. A write removes its key from the second.
 *
 * <p>Threading notes: stream thread only.
 */
final class AnswerCache implements AnswerReuse {

  /** Decoded answers kept in memory (a few kilobytes each). */
  static final int RECENT_ANSWERS = 512;

  private static final Standing OWN = new ReuseLookup.Mine(Long.MAX_VALUE);

  private final KeyValueStore<Bytes, byte[]> store;
  private final long ttlMs;
  private final AnswerKeys keys = new AnswerKeys();
  private final RecentAnswers recent = new RecentAnswers(RECENT_ANSWERS);
  private final KnownMisses misses = new KnownMisses();

  AnswerCache(KeyValueStore<Bytes, byte[]> store, Duration ttl) {
    this.store = store;
    this.ttlMs = ttl.toMillis();
  }

  boolean enabled() {
    return ttlMs > 0;
  }

  @Override
  public Optional<Reused> get(GroupKey group, String normalized, long nowMs) {
    if (!enabled()) {
      return Optional.empty();
    }
    Bytes key = keys.of(group, normalized);
    RecentAnswers.Recent known = recent.get(key);
    if (known != null) {
      return nowMs - known.answeredAtMs() < ttlMs
          ? Optional.of(new Reused(known.answer(), false))
          : Optional.empty();
    }
    if (misses.contains(key.get())) {
      return Optional.empty();
    }
    byte[] value = store.get(key);
    if (value == null) {
      misses.add(key.get());
      return Optional.empty();
    }
    long answeredAt = ByteBuffer.wrap(value).getLong();
    if (nowMs - answeredAt >= ttlMs) {
      return Optional.empty();
    }
    Optional<MappedAnswer> answer = AnswerCodec.decode(value, 8, value.length - 8);
    answer.ifPresent(entry -> recent.put(key, new RecentAnswers.Recent(entry, answeredAt, false)));
    return answer.map(entry -> new Reused(entry, false));
  }

  @Override
  public Standing standing(GroupKey group, String normalized, long nowMs) {
    Optional<Reused> answer = get(group, normalized, nowMs);
    return answer.isPresent() ? new ReuseLookup.Answered(answer.get().answer(), nowMs) : OWN;
  }

  @Override
  public void put(GroupKey group, String normalized, StoredAnswer answer, long nowMs) {
    if (enabled()) {
      Bytes key = keys.of(group, normalized);
      byte[] encoded = answer.encoded();
      store.put(key, ByteBuffer.allocate(8 + encoded.length).putLong(nowMs).put(encoded).array());
      misses.remove(key.get());
      recent.put(key, new RecentAnswers.Recent(answer.answer(), nowMs, false));
    }
  }

  @Override
  public void claim(GroupKey group, String normalized, long nowMs) {}

  @Override
  public void release(GroupKey group, String normalized, long nowMs) {}

  @Override
  public boolean claims() {
    return false;
  }

  /** Deletes expired answers; returns how many. */
  int sweep(long nowMs) {
    List<Bytes> expired = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> next = all.next();
        if (nowMs - ByteBuffer.wrap(next.value).getLong() >= ttlMs) {
          expired.add(next.key);
        }
      }
    }
    expired.forEach(store::delete);
    return expired.size();
  }
}
