package io.personenricher.metrics;

import io.personenricher.text.IdentifierMask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The latest few dead letters, for a person looking at the status page: when, why, which record key
 * and which identifier, masked by {@link IdentifierMask} on the way in so the full value is never
 * held here. Keys are shown as UTF-8 text (the record id), cut to 64 characters.
 *
 * <p>Threading notes: stream threads add, the ops server's threads read; both methods synchronize
 * on this object and only copy a handful of small records, so neither blocks for long.
 */
public final class RecentDeadLetters {

  /**
   * One dead letter as shown.
   *
   * @param at when it was recorded
   * @param reason the dead-letter reason (e.g. {@code RETRIES_EXHAUSTED})
   * @param errorClass the error class (e.g. {@code server_error})
   * @param key the record key as text, or null
   * @param maskedIdentifier the identifier masked, or null when the event could not be decoded
   */
  public record Sample(
      Instant at, String reason, String errorClass, String key, String maskedIdentifier) {}

  private static final int MAX_KEY_CHARS = 64;

  private final int capacity;
  private final Clock clock;
  private final Deque<Sample> latest;

  public RecentDeadLetters(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.latest = new ArrayDeque<>(capacity);
  }

  /** Keeps this dead letter, dropping the oldest beyond the capacity. */
  public void add(String reason, String errorClass, byte[] key, String identifier) {
    Sample sample =
        new Sample(
            clock.instant(), reason, errorClass, keyText(key), IdentifierMask.mask(identifier));
    synchronized (this) {
      if (latest.size() == capacity) {
        latest.removeLast();
      }
      latest.addFirst(sample);
    }
  }

  /** Newest first. */
  public synchronized List<Sample> newestFirst() {
    return List.copyOf(latest);
  }

  private static String keyText(byte[] key) {
    if (key == null) {
      return null;
    }
    String text = new String(key, StandardCharsets.UTF_8);
    return text.length() <= MAX_KEY_CHARS ? text : text.substring(0, MAX_KEY_CHARS - 1) + "…";
  }
}
