package io.personenricher.config;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * One section of the settings (one table of the docs): its keys, defined into the shared {@link
 * org.apache.kafka.common.config.ConfigDef}, and the rules between them. A section also builds its
 * typed slice (e.g. {@link TopicSection#topicNames}) as a static method that {@link EnricherConfig}
 * delegates to.
 *
 * <p>Package-private on purpose: the facade is the only place that lists the sections, so the
 * sections' hooks are no part of the public API; the subclasses are public only for their key
 * constants.
 */
abstract class ConfigSection {

  /** The heading of this section's table in the docs, and its {@code ConfigDef} group. */
  abstract String group();

  /** Defines this section's keys, in the order the docs list them. */
  abstract void define(SectionKeys keys);

  /** Defaults that are not a constant (or are absent), shown in words in the docs, by key. */
  Map<String, String> displayDefaults() {
    return Map.of();
  }

  /**
   * Pass-through settings ({@code enricher.kafka.*}, {@code enricher.serde.*}) that mean the same
   * as one of this section's typed keys, mapped to that key: setting both is ambiguous and
   * rejected.
   */
  Map<String, String> passThroughTwins() {
    return Map.of();
  }

  /**
   * Rules between keys that no single-key validator can express. Runs only when every key is valid
   * on its own, and reports through {@link CrossCheck#problem} so every problem is listed at once.
   */
  void crossCheck(CrossCheck check) {}

  /** A {@code Type.LONG} setting in milliseconds, as a duration. */
  static Duration millis(AbstractConfig config, String key) {
    return Duration.ofMillis(config.getLong(key));
  }
}
