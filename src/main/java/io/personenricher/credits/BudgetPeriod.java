package io.personenricher.credits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How the credit budget's periods fall in time: a calendar {@code day} or {@code month} in UTC, or
 * a fixed duration (ISO-8601, e.g. {@code PT6H}, {@code P7D}) counted from the epoch, so every
 * instance puts an instant in the same period without talking to the others.
 *
 * @param length the duration for {@link Kind#DURATION}; null otherwise
 */
public record BudgetPeriod(Kind kind, Duration length) {

  /** The shortest duration a period may have: shorter ones are only noise in the ledger. */
  public static final Duration SHORTEST = Duration.ofSeconds(1);

  public enum Kind {
    DAY,
    MONTH,
    DURATION
  }

  /**
   * One period: its id (the ledger's key prefix: {@code 2026-12-01}, {@code 2026-12}, or {@code
   * PT6H@2026-12-01T06:00:00Z}), its first instant and the first instant of the next one.
   */
  public record Span(String id, Instant start, Instant end) {
    public boolean contains(Instant instant) {
      return !instant.isBefore(start) && instant.isBefore(end);
    }
  }

  public BudgetPeriod {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.DURATION) {
      Objects.requireNonNull(length, "length");
      if (length.compareTo(SHORTEST) < 0) {
        throw new IllegalArgumentException("a budget period lasts at least " + SHORTEST);
      }
    } else {
      length = null;
    }
  }

  public static final BudgetPeriod DAY = new BudgetPeriod(Kind.DAY, null);
  public static final BudgetPeriod MONTH = new BudgetPeriod(Kind.MONTH, null);

  /**
   * {@code day}, {@code month}, or an ISO-8601 duration of at least a second.
   *
   * @throws IllegalArgumentException naming what is accepted
   */
  public static BudgetPeriod parse(String text) {
    String value = text == null ? "" : text.trim();
    switch (value.toLowerCase(Locale.ROOT)) {
      case "day":
        return DAY;
      case "month":
        return MONTH;
      default:
        break;
    }
    Duration length;
    try {
      length = Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be day, month (a calendar month in UTC) or an ISO-8601 duration such as PT6H or"
              + " P7D");
    }
    if (length.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("must last at least one second (PT1S)");
    }
    return new BudgetPeriod(Kind.DURATION, length);
  }

  /** The period {@code instant} falls in. */
  public Span at(Instant instant) {
    return switch (kind) {
      case DAY -> {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        yield new Span(
            day.toString(),
            day.atStartOfDay(ZoneOffset.UTC).toInstant(),
            day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      case MONTH -> {
        YearMonth month = YearMonth.from(instant.atZone(ZoneOffset.UTC));
        yield new Span(
            month.toString(),
            month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      case DURATION -> {
        long lengthMs = length.toMillis();
        Instant start =
            Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), lengthMs) * lengthMs);
        yield new Span(length + "@" + start, start, start.plusMillis(lengthMs));
      }
    };
  }

  /** The longest a period of this kind can last: what the ledger topic must retain at least. */
  public Duration longest() {
    return switch (kind) {
      case DAY -> Duration.ofDays(1);
      case MONTH -> Duration.ofDays(31);
      case DURATION -> length;
    };
  }

  @Override
  public String toString() {
    return kind == Kind.DURATION ? length.toString() : kind.name().toLowerCase(Locale.ROOT);
  }
}
