package io.personenricher.batching;

import io.personenricher.routing.MappedAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * The answers read or written most recently, decoded and bounded (least recently used first out),
 * so a hit on one of them decodes nothing and reads no store.
 *
 * <p>For {@link AnswerBook} this is more than a cache: it holds the task's own answers until the
 * transaction that publishes them commits and the global store has them, so a twin arriving before
 * then is answered here rather than sent again. So an answer must stay until {@code limit} newer
 * ones came in; a set-associative array, which can give one up after two colliding puts, let the
 * application scope pay for an identifier twice (AnswerReuseIT).
 *
 * <p>Threading notes: stream thread only.
 */
final class RecentAnswers {

  /** A decoded answer, when it was given, and whether it came from the application's book. */
  record Recent(MappedAnswer answer, long answeredAtMs, boolean fromBook) {}

  private final Map<Bytes, Recent> recent;

  RecentAnswers(int limit) {
    this.recent =
        new LinkedHashMap<>(Math.min(limit, 1_024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Bytes, Recent> eldest) {
            return size() > limit;
          }
        };
  }

  Recent get(Bytes key) {
    return recent.get(key);
  }

  void put(Bytes key, Recent answer) {
    recent.put(key, answer);
  }
}
