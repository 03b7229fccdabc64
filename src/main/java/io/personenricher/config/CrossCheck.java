package io.personenricher.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What a section's {@link ConfigSection#crossCheck} sees: every typed value as parsed (or its
 * default), the raw pass-through settings, and where each value came from. Problems are collected,
 * not thrown, so the operator sees all of them at once.
 */
final class CrossCheck {

  private final Map<String, ConfigDef.ConfigKey> keys;
  private final Map<String, Object> parsed;
  private final Map<String, ?> values;
  private final Map<String, String> origins;
  private final List<String> problems;

  CrossCheck(
      Map<String, ConfigDef.ConfigKey> keys,
      Map<String, Object> parsed,
      Map<String, ?> values,
      Map<String, String> origins,
      List<String> problems) {
    this.keys = keys;
    this.parsed = parsed;
    this.values = values;
    this.origins = origins;
    this.problems = problems;
  }

  /** A typed key's value as parsed, or its default. */
  Object value(String key) {
    return parsed.containsKey(key) ? parsed.get(key) : keys.get(key).defaultValue;
  }

  /** A numeric typed key's value as parsed, or its default. */
  long number(String key) {
    return ((Number) value(key)).longValue();
  }

  /**
   * A pass-through setting ({@code enricher.kafka.*}, {@code enricher.serde.*}) as given, or null.
   */
  Object passThrough(String key) {
    return values.get(key);
  }

  /**
   * The first of the pass-through {@code keys} that is set, in order of precedence, as a whole
   * number of milliseconds, else {@code fallback}; a value that is not one is a problem.
   */
  long passThroughMillis(long fallback, String... keys) {
    for (String k : keys) {
      Object v = values.get(k);
      if (v != null) {
        long millis = wholeNumber(v);
        if (millis < 0) {
          problem(k + "=" + v + " is invalid: expected a whole number of milliseconds");
        }
        return millis;
      }
    }
    return fallback;
  }

  /** Reports {@code key=value (from origin) is invalid: reason}. */
  void invalid(String key, Object value, String reason) {
    problem(key + "=" + value + ConfigValidation.where(key, origins) + " is invalid: " + reason);
  }

  /** Reports a problem worded in full by the caller. */
  void problem(String message) {
    problems.add(message);
  }

  /** The number a pass-through value spells, or -1 when it spells none. */
  static long wholeNumber(Object v) {
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
