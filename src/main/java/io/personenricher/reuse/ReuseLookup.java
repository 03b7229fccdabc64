package io.personenricher.reuse;

import io.personenricher.routing.MappedAnswer;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the application knows of an identifier, as a task sees it in the global answer store.
 *
 * <p>Threading notes: called on a stream thread; the store is updated by the global thread, and
 * each {@link #of} reads it once.
 */
public final class ReuseLookup {

  /** The answer store's view of one key. */
  public sealed interface Standing {}

  /** Answered within the time-to-live: reuse it. */
  public record Answered(MappedAnswer answer, long answeredAtMs) implements Standing {}

  /** This task holds the claim: it asks the API. */
  public record Mine(long untilMs) implements Standing {}

  /** Another task holds the claim: wait for its answer. */
  public record Theirs(String owner, long untilMs) implements Standing {}

  /** Nobody holds it: claim it before asking. */
  public record Free() implements Standing {}

  private static final Free FREE = new Free();

  private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
  private final long ttlMs;

  public ReuseLookup(ReadOnlyKeyValueStore<Bytes, byte[]> store, long ttlMs) {
    this.store = store;
    this.ttlMs = ttlMs;
  }

  /**
   * When the answer the store holds for {@code key} was given, expired or not, without decoding it;
   * {@link ReuseRecordCodec#NO_ANSWER} when it holds none.
   */
  public long answeredAtMs(Bytes key) {
    return ReuseRecordCodec.answeredAtMs(store.get(key));
  }

  public Standing of(Bytes key, String task, long nowMs) {
    Optional<ReuseRecord> stored = ReuseRecordCodec.decode(store.get(key));
    if (stored.isEmpty()) {
      return FREE;
    }
    ReuseRecord record = stored.get();
    if (record instanceof ReuseRecord.Answer answer) {
      if (!ReuseFold.fresh(answer, nowMs, ttlMs)) {
        return FREE;
      }
      Optional<MappedAnswer> decoded = AnswerCodec.decode(answer.entry());
      return decoded.isPresent() ? new Answered(decoded.get(), answer.answeredAtMs()) : FREE;
    }
    if (record instanceof ReuseRecord.Claim claim && claim.untilMs() > nowMs) {
      return claim.owner().equals(task)
          ? new Mine(claim.untilMs())
          : new Theirs(claim.owner(), claim.untilMs());
    }
    return FREE;
  }
}
