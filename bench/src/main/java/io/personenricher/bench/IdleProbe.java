package io.personenricher.bench;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.serde.AvroSerdeConfig;
import io.personenricher.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scenario 7's processor JVM: one instance of the real topology and client with the product's batch defaults,
 * on an empty input topic, and nothing else in the JVM. After it is RUNNING and has settled, it measures the
 * CPU time the process spends over a window with nothing to do, in all and by thread group, and reports it as
 * one {@code RESULT {json}} line.
 *
 * <p>Arguments: bootstrap registryUrl simulatorUrl settleSeconds measureSeconds.
 */
public final class IdleProbe {

  private IdleProbe() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String registryUrl = args[1];
    String simulatorUrl = args[2];
    int settleSeconds = Integer.parseInt(args[3]);
    int measureSeconds = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    BatchSettings settings = BatchSettings.defaults();
    EnricherRunner.QuotaClient client = EnricherRunner.client(vertx, simulatorUrl, SimulatorSettings.DEFAULT_API_KEY,
        settings.maxInFlightPerTask(), ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60),
        new RecordingMetrics());
    Map<String, Object> out = new LinkedHashMap<>();
    String applicationId = "idle-app";
    try (EnricherRunner runner = EnricherRunner.enricher(bootstrap,
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), applicationId, BenchInfra.topics("idle"),
        settings, client, new RecordingMetrics())) {
      runner.start().awaitRunning(Duration.ofSeconds(120));
      Thread.sleep(settleSeconds * 1000L);
      runner.checkAlive();
      ThreadCpu cpu = ThreadCpu.snapshot();
      long start = System.nanoTime();
      Thread.sleep(measureSeconds * 1000L);
      double wallSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, Predicate<String>> groups = new LinkedHashMap<>();
      groups.put("stream thread", ThreadCpu.streamThreadsOf(applicationId));
      groups.put("Kafka client I/O threads", name -> name.startsWith("kafka-producer-network-thread")
          || name.contains("heartbeat") || name.contains("consumer_background") || name.contains("admin-client"));
      groups.put("Vert.x event loops", name -> name.startsWith("vert.x"));
      out.put("wallSeconds", wallSeconds);
      out.put("processCpuPercentOfOneCore", 100.0 * cpu.processSince() / 1e9 / wallSeconds);
      Map<String, Double> byGroup = new LinkedHashMap<>();
      groups.forEach((group, matches) -> byGroup.put(group, 100.0 * cpu.since(matches) / 1e9 / wallSeconds));
      out.put("percentOfOneCoreByThreadGroup", byGroup);
      out.put("percentOfOneCoreByThread", cpu.busiestSince(8, wallSeconds));
      // Then, apart from the measured window (sampling costs CPU of its own), where the stream thread is.
      StackSampler sampler = new StackSampler(applicationId);
      sampler.start();
      Thread.sleep(5_000);
      sampler.stop();
      @SuppressWarnings("unchecked")
      Map<String, String> states = (Map<String, String>) sampler.summarise().get("streamThreadStates");
      out.put("streamThreadStates", states);
      runner.checkAlive();
      System.out.println("RESULT " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
      System.out.flush();
    }
    client.client().close();
    vertx.close();
    System.exit(0);
  }
}
