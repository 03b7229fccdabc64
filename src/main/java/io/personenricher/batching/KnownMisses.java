package io.personenricher.batching;

import java.util.Arrays;

/**
 * Keys a store was found not to hold, remembered by a 64-bit hash in a fixed open-addressing table
 * ({@value #SLOTS} slots, 8 bytes each), so that looking a new identifier up a second time (at
 * admission, then in the batch scan that may come thousands of events later) costs no RocksDB read.
 *
 * <p>Only ever a shortcut to "absent": the owner forgets a key the moment it writes it, and a full
 * table is emptied rather than grown. Two keys sharing a hash would make a stored answer look
 * absent, which costs one more request, never a wrong output; at 64 bits it does not happen in
 * practice.
 *
 * <p>Threading notes: stream thread only.
 */
final class KnownMisses {

  static final int SLOTS = 1 << 16;
  private static final int MASK = SLOTS - 1;
  private static final long EMPTY = 0;

  private final long[] slots = new long[SLOTS];
  private int size;

  boolean contains(byte[] key) {
    long hash = hash(key);
    for (int i = index(hash); ; i = (i + 1) & MASK) {
      if (slots[i] == hash) {
        return true;
      }
      if (slots[i] == EMPTY) {
        return false;
      }
    }
  }

  void add(byte[] key) {
    if (size >= SLOTS / 2) {
      // Half full: start over rather than let probe chains grow (a lost entry costs one read).
      Arrays.fill(slots, EMPTY);
      size = 0;
    }
    long hash = hash(key);
    for (int i = index(hash); ; i = (i + 1) & MASK) {
      if (slots[i] == hash) {
        return;
      }
      if (slots[i] == EMPTY) {
        slots[i] = hash;
        size++;
        return;
      }
    }
  }

  void remove(byte[] key) {
    long hash = hash(key);
    for (int i = index(hash); ; i = (i + 1) & MASK) {
      if (slots[i] == EMPTY) {
        return;
      }
      if (slots[i] == hash) {
        slots[i] = EMPTY;
        size--;
        reinsertAfter(i);
        return;
      }
    }
  }

  int size() {
    return size;
  }

  /** Linear probing: the entries after a freed slot may have to move up to stay reachable. */
  private void reinsertAfter(int freed) {
    for (int i = (freed + 1) & MASK; slots[i] != EMPTY; i = (i + 1) & MASK) {
      long hash = slots[i];
      slots[i] = EMPTY;
      int j = index(hash);
      while (slots[j] != EMPTY) {
        j = (j + 1) & MASK;
      }
      slots[j] = hash;
    }
  }

  private static int index(long hash) {
    return (int) (hash ^ (hash >>> 32)) & MASK;
  }

  /** FNV-1a over the key, mixed; never {@link #EMPTY}. */
  private static long hash(byte[] key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }
}
