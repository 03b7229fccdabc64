package io.personenricher.config;

import static io.personenricher.config.EnricherConfig.*;

import io.personenricher.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Checks raw settings against the definition before {@link
 * org.apache.kafka.common.config.AbstractConfig} parses them, so that every problem is reported at
 * once and in words an operator can act on: {@code enricher.batch.max.size=40 (env
 * ENRICHER_BATCH_MAX_SIZE) is invalid: must be between 1 and 25 (...)}.
 */
final class ConfigValidation {

  /** The consumer's own default; Kafka Streams 4.x does not override it. */
  static final long CONSUMER_DEFAULT_MAX_POLL_INTERVAL_MS = 300_000L;

  /**
   * Kafka Streams sets the producer's transaction.timeout.ms to 10 s under exactly-once unless
   * overridden.
   */
  static final long STREAMS_EOS_DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000L;

  private ConfigValidation() {}

  /**
   * Returns the values to parse (strings trimmed; a blank value for a setting without a default
   * means unset) when valid; otherwise throws with every problem found.
   */
  static Map<String, Object> check(
      ConfigDef def, Map<String, ?> rawValues, Map<String, String> origins) {
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
      crossChecks(keys, parsed, values, origins, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return values;
  }

  private static void crossChecks(
      Map<String, ConfigDef.ConfigKey> keys,
      Map<String, Object> parsed,
      Map<String, ?> values,
      Map<String, String> origins,
      List<String> problems) {
    long maxBlock = number(keys, parsed, BACKPRESSURE_MAX_BLOCK_MS);
    long maxPoll = effectiveMaxPollIntervalMs(values, problems);
    // Streams polls again once half of max.poll.interval.ms has passed in its processing loop; a
    // block of up
    // to maxBlock can come on top of that.
    if (maxPoll > 0 && maxBlock >= maxPoll / 2) {
      problems.add(
          BACKPRESSURE_MAX_BLOCK_MS
              + "="
              + maxBlock
              + where(BACKPRESSURE_MAX_BLOCK_MS, origins)
              + " is invalid: must be below half the consumer's max.poll.interval.ms ("
              + maxPoll
              + "), or a blocked stream thread is evicted from the group; lower it or raise "
              + KAFKA_PREFIX
              + "max.poll.interval.ms");
    }
    String eos =
        String.valueOf(
            parsed.getOrDefault(PROCESSING_GUARANTEE, keys.get(PROCESSING_GUARANTEE).defaultValue));
    long transactionTimeout = effectiveTransactionTimeoutMs(values, problems);
    if (eos.toLowerCase(Locale.ROOT).equals(StreamsConfig.EXACTLY_ONCE_V2)
        && maxBlock >= transactionTimeout / 2) {
      problems.add(
          BACKPRESSURE_MAX_BLOCK_MS
              + "="
              + maxBlock
              + where(BACKPRESSURE_MAX_BLOCK_MS, origins)
              + " is invalid: under exactly_once_v2 it must be below half the producer's transaction.timeout.ms ("
              + transactionTimeout
              + "), or a transaction left open while blocking is aborted and the task fenced;"
              + " lower it or raise "
              + KAFKA_PREFIX
              + "producer.transaction.timeout.ms");
    }
    long initial = number(keys, parsed, RETRY_INITIAL_BACKOFF_MS);
    long max = number(keys, parsed, RETRY_MAX_BACKOFF_MS);
    if (initial > max) {
      problems.add(
          RETRY_INITIAL_BACKOFF_MS
              + "="
              + initial
              + where(RETRY_INITIAL_BACKOFF_MS, origins)
              + " is invalid: must not exceed "
              + RETRY_MAX_BACKOFF_MS
              + " ("
              + max
              + "); lower it or raise "
              + RETRY_MAX_BACKOFF_MS);
    }
    long batch = number(keys, parsed, BATCH_MAX_SIZE);
    long pending = number(keys, parsed, PENDING_MAX_PER_TASK);
    if (pending < batch) {
      problems.add(
          PENDING_MAX_PER_TASK
              + "="
              + pending
              + where(PENDING_MAX_PER_TASK, origins)
              + " is invalid: must be at least "
              + BATCH_MAX_SIZE
              + " ("
              + batch
              + "), or a full batch never forms");
    }
    long headroom = number(keys, parsed, API_RATE_LIMIT_HEADROOM);
    long limit = number(keys, parsed, API_RATE_LIMIT_REQUESTS);
    if (headroom >= limit) {
      problems.add(
          API_RATE_LIMIT_HEADROOM
              + "="
              + headroom
              + where(API_RATE_LIMIT_HEADROOM, origins)
              + " is invalid: must be below "
              + API_RATE_LIMIT_REQUESTS
              + " ("
              + limit
              + "), or the client never sends; lower it");
    }
    String guarantee =
        String.valueOf(
            parsed.getOrDefault(PROCESSING_GUARANTEE, keys.get(PROCESSING_GUARANTEE).defaultValue));
    if (guarantee.toLowerCase(Locale.ROOT).equals(StreamsConfig.EXACTLY_ONCE_V2)) {
      for (String k :
          List.of(
              KAFKA_PREFIX + "max.in.flight.requests.per.connection",
              KAFKA_PREFIX
                  + StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"))) {
        Object v = values.get(k);
        if (v != null && parseLong(v) > 5) {
          problems.add(
              k
                  + "="
                  + v
                  + where(k, origins)
                  + " is invalid: exactly_once_v2 needs an idempotent "
                  + "producer, which allows at most 5 requests in flight; use 1 to 5 or remove it");
        }
      }
    }
  }

  /**
   * The producer's transaction.timeout.ms as Streams resolves it (10 s by default under
   * exactly-once).
   */
  private static long effectiveTransactionTimeoutMs(Map<String, ?> values, List<String> problems) {
    return firstMillis(
        values,
        problems,
        STREAMS_EOS_DEFAULT_TRANSACTION_TIMEOUT_MS,
        KAFKA_PREFIX + StreamsConfig.producerPrefix("transaction.timeout.ms"),
        KAFKA_PREFIX + "transaction.timeout.ms");
  }

  /**
   * The consumer's max.poll.interval.ms as Streams resolves it: main.consumer. > consumer. > plain
   * key.
   */
  private static long effectiveMaxPollIntervalMs(Map<String, ?> values, List<String> problems) {
    return firstMillis(
        values,
        problems,
        CONSUMER_DEFAULT_MAX_POLL_INTERVAL_MS,
        KAFKA_PREFIX + StreamsConfig.mainConsumerPrefix("max.poll.interval.ms"),
        KAFKA_PREFIX + StreamsConfig.consumerPrefix("max.poll.interval.ms"),
        KAFKA_PREFIX + "max.poll.interval.ms");
  }

  /** The first of the pass-through keys that is set, in order of precedence, else the default. */
  private static long firstMillis(
      Map<String, ?> values, List<String> problems, long fallback, String... keys) {
    for (String k : keys) {
      Object v = values.get(k);
      if (v != null) {
        long parsed = parseLong(v);
        if (parsed < 0) {
          problems.add(k + "=" + v + " is invalid: expected a whole number of milliseconds");
        }
        return parsed;
      }
    }
    return fallback;
  }

  private static long parseLong(Object v) {
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long number(
      Map<String, ConfigDef.ConfigKey> keys, Map<String, Object> parsed, String key) {
    Object v = parsed.containsKey(key) ? parsed.get(key) : keys.get(key).defaultValue;
    return ((Number) v).longValue();
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

  private static String where(String key, Map<String, String> origins) {
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
