package io.personenricher.app;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;

/**
 * Which dead letters {@code enricher replay} re-injects: every condition given must hold (an empty
 * set or an absent bound does not restrict).
 *
 * @param reasons dead-letter reasons to replay
 * @param errorClasses error classes to replay (e.g. {@code server_error}, {@code timeout})
 * @param since only dead letters that failed at or after this instant ({@code failed_at})
 * @param until only dead letters that failed before this instant
 * @param key only dead letters of this record key
 */
record ReplayFilter(
    Set<DeadLetterReason> reasons,
    Set<String> errorClasses,
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<String> key) {

  private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  ReplayFilter {
    reasons = Set.copyOf(reasons);
    errorClasses = Set.copyOf(errorClasses);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(key, "key");
  }

  /** Replays everything. */
  static ReplayFilter all() {
    return new ReplayFilter(
        Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  boolean matches(DeadLetter deadLetter, byte[] recordKey) {
    if (!reasons.isEmpty() && !reasons.contains(deadLetter.getReason())) {
      return false;
    }
    if (!errorClasses.isEmpty() && !errorClasses.contains(deadLetter.getErrorClass())) {
      return false;
    }
    Instant failedAt = deadLetter.getFailedAt();
    if (since.isPresent() && failedAt.isBefore(since.get())) {
      return false;
    }
    if (until.isPresent() && !failedAt.isBefore(until.get())) {
      return false;
    }
    return key.isEmpty() || key.get().equals(keyOf(deadLetter, recordKey));
  }

  /** The original record key as text (see {@link #originalKey}); null when there is none. */
  static String keyOf(DeadLetter deadLetter, byte[] recordKey) {
    byte[] key = originalKey(deadLetter, recordKey);
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  /** The original record key: the dead letter's {@code raw_key}, else its own record key. */
  static byte[] originalKey(DeadLetter deadLetter, byte[] recordKey) {
    ByteBuffer raw = deadLetter.getRawKey();
    return raw != null ? Utils.toArray(raw) : recordKey;
  }

  /**
   * A reason symbol as typed, any case ({@code retries_exhausted}).
   *
   * @throws IllegalArgumentException naming the valid symbols
   */
  static DeadLetterReason parseReason(String text) {
    try {
      return DeadLetterReason.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown reason '"
              + text
              + "'; one of "
              + new TreeSet<>(
                  java.util.Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList()));
    }
  }

  /**
   * An instant as typed: ISO-8601 ({@code 2026-11-22T08:00:00Z}) or an age before {@code now}
   * ({@code 30m}, {@code 2h}, {@code 7d}, {@code 90s}).
   *
   * @throws IllegalArgumentException saying both forms
   */
  static Instant parseTime(String text, Instant now) {
    String value = text.strip();
    Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration age =
          switch (ago.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(age);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is neither an ISO-8601 instant (e.g. 2026-11-22T08:00:00Z) nor an age (e.g. 30m,"
              + " 2h, 7d)");
    }
  }
}
