package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.simulator.CrustdataSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7: what one instance costs with nothing to do: the processor alone in its own JVM ({@link IdleProbe})
 * on an empty input topic, so the CPU it spends is its own wake-ups (polls, punctuation, heartbeats), not the
 * broker's or the harness's. Runs before scenario 6, which takes whatever time is left.
 */
final class IdleScenario {

  private IdleScenario() {}

  static void run(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "7 idle";
    infra.createTopics(BenchInfra.topics("idle"), 1);
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, ThroughputScenarios.simulator(
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ZERO))) {
      simulator.start();
      int settle = 5;
      List<String> command = List.of(BaselineScenarios.javaExecutable(), MemoryScenario.PROBE_HEAP,
          "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""), "-cp",
          System.getProperty("java.class.path"), IdleProbe.class.getName(), infra.bootstrap(),
          infra.registryUrl(), simulator.baseUrl(), Integer.toString(settle),
          Integer.toString(plan.idleSeconds()));
      ChildProcess.Outcome outcome = ChildProcess.run(command, Duration.ofSeconds(plan.idleSeconds() + settle + 150));
      JsonNode result = outcome.resultJson();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("measureSeconds", plan.idleSeconds());
      d.put("apiRequests", simulator.stats().requestsReceived());
      if (result == null) {
        d.put("failure", outcome.firstError());
        d.put("outputTail", outcome.tail(40));
        results.row(s, "idle CPU of one instance", "probe failed", "", false);
        results.note("Idle probe failed: " + outcome.firstError());
        results.details(s, d);
        return;
      }
      d.put("probe", new ObjectMapper().convertValue(result, Map.class));
      results.info(s, "idle CPU of one instance (processor JVM, empty input, " + plan.idleSeconds() + " s)",
          Results.f(result.get("processCpuPercentOfOneCore").asDouble(), 2) + "% of one core");
      StringBuilder groups = new StringBuilder();
      result.get("percentOfOneCoreByThreadGroup").properties().forEach(e -> groups
          .append(groups.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
          .append(Results.f(e.getValue().asDouble(), 2)).append('%'));
      results.info(s, "  of which", groups.toString());
      StringBuilder busiest = new StringBuilder();
      result.get("percentOfOneCoreByThread").properties().stream().limit(3).forEach(e -> busiest
          .append(busiest.length() == 0 ? "" : ", ").append(e.getKey().replaceAll(".*StreamThread", "StreamThread"))
          .append(' ').append(Results.f(e.getValue().asDouble(), 2)).append('%'));
      results.info(s, "  busiest threads", busiest.toString());
      results.details(s, d);
    }
  }
}
