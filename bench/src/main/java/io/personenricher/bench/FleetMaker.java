package io.personenricher.bench;

import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.topology.TopicNames;
import java.util.Map;

/** Makes the fleet of one run, on that run's topics and simulator. */
@FunctionalInterface
interface FleetMaker {

  Fleet make(TopicNames topics, String apiBaseUrl, String applicationId);

  /** Instances of the product as shipped, with these config overrides. */
  static FleetMaker product(BenchInfra infra, Map<String, String> overrides) {
    return (topics, url, appId) -> new AppFleet(infra, topics, url, SimulatorSettings.DEFAULT_API_KEY, appId,
        overrides);
  }
}
