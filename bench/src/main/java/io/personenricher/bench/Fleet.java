package io.personenricher.bench;

import io.personenricher.config.EnricherConfig;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instances of one application sharing an API key: the product as built ({@link AppFleet}) or the release it
 * replaces ({@link BaselineFleet}), so a quota scenario runs both the same way.
 */
interface Fleet extends AutoCloseable {

  /** Starts one more instance. */
  void startInstance();

  /** Waits until every instance started so far processes (RUNNING, owning its tasks). */
  void awaitRunning(Duration timeout);

  /** Permits the instances won, by what became of them (sent, unused, ...), where the version reports it. */
  default Map<String, Double> permitOutcomes() {
    return Map.of();
  }

  @Override
  void close();

  /**
   * The settings every instance of a scenario shares: the run's broker, registry and API, its own topics and
   * application id, an ephemeral ops port; everything else at the defaults of the version that runs.
   */
  static Map<String, String> settings(BenchInfra infra, TopicNames topics, String apiBaseUrl, String apiKey,
      String applicationId) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(EnricherConfig.BOOTSTRAP_SERVERS, infra.bootstrap());
    settings.put(EnricherConfig.SCHEMA_REGISTRY_URL, infra.registryUrl());
    settings.put(EnricherConfig.API_BASE_URL, apiBaseUrl);
    settings.put(EnricherConfig.API_KEY, apiKey);
    settings.put(EnricherConfig.APPLICATION_ID, applicationId);
    settings.put(EnricherConfig.HTTP_PORT, "0");
    settings.put(EnricherConfig.SHUTDOWN_TIMEOUT_MS, "10000");
    settings.put(EnricherConfig.TOPIC_INPUT, topics.input());
    settings.put(EnricherConfig.TOPIC_ENRICHED, topics.enriched());
    settings.put(EnricherConfig.TOPIC_UNMATCHED, topics.unmatched());
    settings.put(EnricherConfig.TOPIC_DEAD_LETTER, topics.deadLetter());
    return settings;
  }
}
