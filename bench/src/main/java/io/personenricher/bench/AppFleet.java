package io.personenricher.bench;

import io.personenricher.app.EnricherApp;
import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.topology.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Instances of the product as shipped ({@link EnricherApp}, the composition root `enricher run` uses: its own
 * Vert.x, client, quota broker and ledger, Kafka Streams and ops server) sharing one application id, so the quota
 * scenarios measure exactly what a deployment runs, configured through the same keys a user sets.
 *
 * <p>Threading notes: used by the scenario thread only.
 */
final class AppFleet implements Fleet {

  private final Map<String, String> settings;
  private final List<EnricherApp> apps = new ArrayList<>();

  /**
   * @param overrides the scenario's settings on top of the common ones (the rest stays at the product's defaults)
   */
  AppFleet(BenchInfra infra, TopicNames topics, String apiBaseUrl, String apiKey, String applicationId,
      Map<String, String> overrides) {
    settings = Fleet.settings(infra, topics, apiBaseUrl, apiKey, applicationId);
    settings.putAll(overrides);
  }

  /** Starts one more instance with its own state directory. */
  @Override
  public void startInstance() {
    Map<String, String> mine = new LinkedHashMap<>(settings);
    try {
      mine.put(EnricherConfig.STATE_DIR, Files.createTempDirectory("bench-fleet").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EnricherConfig config = new ConfigLoader(Map.of()).load(null, mine);
    EnricherApp app = EnricherApp.start(config, EnricherApp.Options.defaults());
    apps.add(app);
  }

  @Override
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("instances not RUNNING after " + timeout + ": "
            + apps.stream().map(EnricherApp::state).toList());
      }
      EnricherRunner.sleep(50);
    }
  }

  @Override
  public Map<String, Double> permitOutcomes() {
    Map<String, Double> outcomes = new TreeMap<>();
    for (EnricherApp app : apps) {
      app.metrics().registry().find("enricher.quota.permits").counters()
          .forEach(c -> outcomes.merge(c.getId().getTag("outcome"), c.count(), Double::sum));
    }
    return outcomes;
  }

  @Override
  public void close() {
    for (EnricherApp app : apps) {
      try {
        app.close();
      } catch (RuntimeException e) {
        System.out.println("bench: closing an instance failed: " + e);
      }
    }
    apps.clear();
  }
}
