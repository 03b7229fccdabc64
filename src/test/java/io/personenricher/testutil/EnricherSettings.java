package io.personenricher.testutil;

import io.personenricher.config.EnricherConfig;
import io.personenricher.topology.TopicNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of an enricher under test: the fixture broker and registry, an API (usually the
 * simulator) with a generous quota, its own topics, application id and state directory, the ops
 * port on a free port and a short halt probe. Mutable, so a test adds or overrides its own.
 */
public final class EnricherSettings {

  private EnricherSettings() {}

  public static Map<String, String> forTest(
      Broker broker,
      SchemaRegistry registry,
      TopicNames topics,
      String apiBaseUrl,
      String apiKey,
      String prefix) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(EnricherConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    settings.put(EnricherConfig.SCHEMA_REGISTRY_URL, registry.url());
    settings.put(EnricherConfig.API_BASE_URL, apiBaseUrl);
    settings.put(EnricherConfig.API_KEY, apiKey);
    settings.put(EnricherConfig.API_RATE_LIMIT_REQUESTS, "1000");
    settings.put(EnricherConfig.API_RATE_LIMIT_WINDOW_MS, "10000");
    settings.put(EnricherConfig.API_HALT_PROBE_INTERVAL_MS, "1000");
    settings.put(EnricherConfig.APPLICATION_ID, Topics.unique(prefix));
    settings.put(EnricherConfig.STATE_DIR, TestDirs.newTempDir(prefix + "-state").toString());
    settings.put(EnricherConfig.HTTP_PORT, "0");
    settings.put(EnricherConfig.SHUTDOWN_TIMEOUT_MS, "10000");
    settings.put(EnricherConfig.TOPIC_INPUT, topics.input());
    settings.put(EnricherConfig.TOPIC_ENRICHED, topics.enriched());
    settings.put(EnricherConfig.TOPIC_UNMATCHED, topics.unmatched());
    settings.put(EnricherConfig.TOPIC_DEAD_LETTER, topics.deadLetter());
    return settings;
  }
}
