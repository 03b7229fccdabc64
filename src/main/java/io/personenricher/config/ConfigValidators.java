package io.personenricher.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@link ConfigDef.Validator}s whose messages say what is allowed and why, so the start-up error
 * reads as a fix rather than a constraint. They throw {@link ConfigException} with the reason only;
 * {@link ConfigValidation} prefixes the key, the value and where the value came from.
 */
final class ConfigValidators {

  private ConfigValidators() {}

  /** A whole number within {@code [min, max]}; {@code why} explains the bound to the operator. */
  static ConfigDef.Validator between(long min, long max, String why) {
    return new Bounded(min, max, why);
  }

  /** A whole number of at least {@code min}. */
  static ConfigDef.Validator atLeast(long min, String why) {
    return new Bounded(min, Long.MAX_VALUE, why);
  }

  /** An optional number within {@code [min, max]}; null (unset) is accepted. */
  static ConfigDef.Validator optionalFraction() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return;
        }
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || d < 0.0 || d > 1.0) {
          throw new ConfigException(
              "must be between 0.0 and 1.0 (a match score), or unset to accept every match");
        }
      }

      @Override
      public String toString() {
        return "0.0 to 1.0, or unset";
      }
    };
  }

  /** One of a fixed set of lower-case words. */
  static ConfigDef.Validator oneOf(String... allowed) {
    List<String> values = List.of(allowed);
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null || !values.contains(value.toString().toLowerCase(Locale.ROOT))) {
          throw new ConfigException("must be one of " + String.join(", ", values));
        }
      }

      @Override
      public String toString() {
        return String.join(" | ", values);
      }
    };
  }

  /** A non-blank string. */
  static ConfigDef.Validator nonBlank(String what) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
          throw new ConfigException("must not be empty: set " + what);
        }
      }

      @Override
      public String toString() {
        return "non-empty";
      }
    };
  }

  /** An absolute http(s) URL. */
  static ConfigDef.Validator httpUrl() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        try {
          URI uri = new URI(text);
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(
                "must be an absolute http:// or https:// URL, e.g. https://host:port/path");
          }
        } catch (URISyntaxException e) {
          throw new ConfigException(
              "is not a URL (" + e.getReason() + "): use an absolute http:// or https:// URL");
        }
      }

      @Override
      public String toString() {
        return "http(s) URL";
      }
    };
  }

  private record Bounded(long min, long max, String why) implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      long v = ((Number) value).longValue();
      if (v < min || v > max) {
        String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        throw new ConfigException("must be " + range + (why.isEmpty() ? "" : " (" + why + ")"));
      }
    }

    @Override
    public String toString() {
      return max == Long.MAX_VALUE ? "≥ " + min : min + " to " + max;
    }
  }
}
