package io.personenricher.batching;

import io.personenricher.routing.MappedAnswer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The answers read or written most recently, decoded and bounded, so a hit on one of them decodes
 * nothing and reads no store.
 *
 * <p>Two-way set-associative: a key may sit in one of the two slots of its set, and a new key takes
 * the slot its set used less recently. A linked LRU map costs a node, a relink on every read and an
 * unlink on every eviction; in a re-sync that streams more identifiers than fit, every put evicts,
 * and that bookkeeping was a third of this layer's time in the cache-hit profile. The price is that
 * an answer can leave while a less recent one in another set stays, which a cache in front of the
 * store may do. It is only a cache: the task's own answers the application's book does not show yet
 * are held, until it does, by {@link UncommittedAnswers}.
 *
 * <p>Threading notes: stream thread only.
 */
final class RecentAnswers {

  /** A decoded answer, when it was given, and whether it came from the application's book. */
  record Recent(MappedAnswer answer, long answeredAtMs, boolean fromBook) {}

  private static final int WAYS = 2;

  private final Bytes[] keys;
  private final Recent[] answers;

  /** Per set: the way read or written last, so the other one goes first. */
  private final byte[] lastUsed;

  private final int setMask;

  RecentAnswers(int limit) {
    if (limit < WAYS) {
      throw new IllegalArgumentException("limit must be at least " + WAYS + ": " + limit);
    }
    int sets = Integer.highestOneBit(limit / WAYS);
    this.keys = new Bytes[sets * WAYS];
    this.answers = new Recent[sets * WAYS];
    this.lastUsed = new byte[sets];
    this.setMask = sets - 1;
  }

  /** How many answers it can hold: the limit, rounded down to a power of two. */
  int capacity() {
    return keys.length;
  }

  Recent get(Bytes key) {
    int set = setOf(key);
    int slot = set * WAYS;
    for (int way = 0; way < WAYS; way++, slot++) {
      if (key.equals(keys[slot])) {
        lastUsed[set] = (byte) way;
        return answers[slot];
      }
    }
    return null;
  }

  void put(Bytes key, Recent answer) {
    int set = setOf(key);
    int first = set * WAYS;
    int way = wayFor(key, set, first);
    keys[first + way] = key;
    answers[first + way] = answer;
    lastUsed[set] = (byte) way;
  }

  private int wayFor(Bytes key, int set, int first) {
    for (int way = 0; way < WAYS; way++) {
      if (key.equals(keys[first + way])) {
        return way;
      }
    }
    for (int way = 0; way < WAYS; way++) {
      if (keys[first + way] == null) {
        return way;
      }
    }
    return 1 - lastUsed[set];
  }

  private int setOf(Bytes key) {
    int hash = key.hashCode();
    // Bytes hashes like Arrays.hashCode: spread the high bits so similar keys do not share a set.
    return (hash ^ (hash >>> 16)) & setMask;
  }
}
