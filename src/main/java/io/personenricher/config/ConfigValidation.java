package io.personenricher.config;

import static io.personenricher.config.EnricherConfig.KAFKA_PREFIX;
import static io.personenricher.config.EnricherConfig.PASS_THROUGH_TWINS;
import static io.personenricher.config.EnricherConfig.PREFIX;
import static io.personenricher.config.EnricherConfig.SERDE_PREFIX;

import io.personenricher.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks raw settings against the definition before {@link
 * org.apache.kafka.common.config.AbstractConfig} parses them, so that every problem is reported at
 * once and in words an operator can act on: {@code enricher.batch.max.size=40 (env
 * ENRICHER_BATCH_MAX_SIZE) is invalid: must be between 1 and 25 (...)}. Each key is checked on its
 * own first; only when all are valid do the sections' cross-key rules run.
 */
final class ConfigValidation {

  private ConfigValidation() {}

  /**
   * Returns the values to parse (strings trimmed; a blank value for a setting without a default
   * means unset) when valid; otherwise throws with every problem found.
   */
  static Map<String, Object> check(
      ConfigDef def,
      List<ConfigSection> sections,
      Map<String, ?> rawValues,
      Map<String, String> origins) {
    Map<String, ConfigDef.ConfigKey> keys = def.configKeys();
    Map<String, Object> values = new TreeMap<>();
    rawValues.forEach(
        (k, v) -> {
          Object value = v instanceof String s ? s.trim() : v;
          ConfigDef.ConfigKey configKey = keys.get(k);
          boolean blankMeansUnset = configKey != null && configKey.defaultValue == null;
          if (value != null && !(blankMeansUnset && value.toString().isBlank())) {
            values.put(k, value);
          }
        });
    List<String> problems = new ArrayList<>();
    Map<String, Object> parsed = new TreeMap<>();

    for (Map.Entry<String, Object> entry : values.entrySet()) {
      String key = entry.getKey();
      Object raw = entry.getValue();
      String where = where(key, origins);
      if (key.startsWith(KAFKA_PREFIX) || key.startsWith(SERDE_PREFIX)) {
        String prefix = key.startsWith(KAFKA_PREFIX) ? KAFKA_PREFIX : SERDE_PREFIX;
        if (key.length() == prefix.length()) {
          problems.add(
              key + where + " has no setting name after the prefix: use " + prefix + "<setting>");
        } else if (PASS_THROUGH_TWINS.containsKey(key)
            && values.containsKey(PASS_THROUGH_TWINS.get(key))) {
          problems.add(
              key
                  + where
                  + " duplicates "
                  + PASS_THROUGH_TWINS.get(key)
                  + ": set only "
                  + PASS_THROUGH_TWINS.get(key));
        }
        continue;
      }
      ConfigDef.ConfigKey configKey = keys.get(key);
      if (configKey == null) {
        problems.add(unknownKey(key, where, keys));
        continue;
      }
      Object value;
      try {
        value = ConfigDef.parseType(key, raw, configKey.type);
      } catch (ConfigException e) {
        problems.add(
            key
                + "="
                + shown(key, raw)
                + where
                + " is invalid: expected "
                + describe(configKey)
                + defaultHint(configKey));
        continue;
      }
      try {
        if (configKey.validator != null) {
          configKey.validator.ensureValid(key, value);
        }
        parsed.put(key, value);
      } catch (ConfigException e) {
        problems.add(key + "=" + shown(key, raw) + where + " is invalid: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      CrossCheck crossCheck = new CrossCheck(keys, parsed, values, origins, problems);
      sections.forEach(section -> section.crossCheck(crossCheck));
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return values;
  }

  private static String unknownKey(
      String key, String where, Map<String, ConfigDef.ConfigKey> keys) {
    if (!key.startsWith(PREFIX)) {
      return key
          + where
          + " is not a person-enricher setting: settings start with "
          + PREFIX
          + "; a Kafka setting goes through "
          + KAFKA_PREFIX
          + key
          + ", a serde setting through "
          + SERDE_PREFIX
          + key;
    }
    String closest =
        keys.keySet().stream()
            .min(Comparator.comparingInt((String k) -> distance(k, key)).thenComparing(k -> k))
            .orElseThrow();
    return key
        + where
        + " is not a known setting: did you mean "
        + closest
        + "? (Kafka settings go through "
        + KAFKA_PREFIX
        + "*, serde settings through "
        + SERDE_PREFIX
        + "*)";
  }

  /** " (from <origin>)" for messages, or nothing when the origin is unknown. */
  static String where(String key, Map<String, String> origins) {
    String origin = origins.get(key);
    return origin == null ? "" : " (from " + origin + ")";
  }

  private static String shown(String key, Object raw) {
    return EnricherConfig.isSecret(key) ? "****" : String.valueOf(raw);
  }

  private static String describe(ConfigDef.ConfigKey key) {
    return switch (key.type) {
      case INT, LONG, SHORT -> "a whole number";
      case DOUBLE -> "a decimal number";
      case BOOLEAN -> "true or false";
      case LIST -> "a comma-separated list";
      default -> key.type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String defaultHint(ConfigDef.ConfigKey key) {
    return key.defaultValue == null ? "" : ", e.g. the default " + key.defaultValue;
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    return EditDistance.levenshtein(a, b);
  }
}
