package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SyntheticPeople;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: a large backlog held pending while the API is unusable (the client's key is rejected, so it
 * halts and nothing drains or is dead-lettered). The processor runs in its own JVM ({@link MemoryProbe}) so its
 * heap and RSS are its own, not the broker's or the harness's.
 */
final class MemoryScenario {

  /** The processor JVM's heap cap: the backlog must fit in the store, not in this. */
  static final String PROBE_HEAP = "-Xmx512m";

  private MemoryScenario() {}

  /** @param deadline {@link System#nanoTime()} by which the probe must be done, so the run keeps its budget */
  static void run(BenchInfra infra, BenchPlan plan, Results results, long deadline) {
    String s = "6 memory";
    int events = plan.memoryEvents();
    infra.createTopics(BenchInfra.topics("memory"), 1);
    SyntheticPeople people = new SyntheticPeople(42L, 200_000);
    long produceMillis = infra.produce(BenchInfra.topics("memory").input(), events,
        i -> BenchInfra.distinctEvent(people, i, 0));
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, ThroughputScenarios.simulator(
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ZERO))) {
      simulator.start();
      // Whatever the budget leaves, less a minute for the probe's start and stop and for writing the results.
      int timeoutSeconds = (int) Math.max(60, (deadline - System.nanoTime()) / 1_000_000_000L - 60);
      List<String> command = List.of(BaselineScenarios.javaExecutable(), PROBE_HEAP,
          "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""), "-cp",
          System.getProperty("java.class.path"), MemoryProbe.class.getName(), infra.bootstrap(),
          infra.registryUrl(), simulator.baseUrl(), Integer.toString(events),
          Integer.toString(timeoutSeconds));
      ChildProcess.Outcome outcome = ChildProcess.run(command, Duration.ofSeconds(timeoutSeconds + 120));
      JsonNode result = outcome.resultJson();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("events", events);
      d.put("produceMs", produceMillis);
      d.put("probeHeap", PROBE_HEAP);
      d.put("apiRequests", simulator.stats().requestsReceived());
      d.put("apiStatusCounts", simulator.stats().statusCounts());
      if (result == null) {
        d.put("failure", outcome.firstError());
        d.put("outputTail", outcome.tail(40));
        results.row(s, "backlog pending in the processor JVM", "probe failed", "all", false);
        results.note("Memory probe failed: " + outcome.firstError());
        results.details(s, d);
        return;
      }
      d.put("probe", new ObjectMapper().convertValue(result, Map.class));
      JsonNode empty = result.get("empty");
      JsonNode full = result.get("backlog");
      long pending = result.get("pendingEntries").asLong();
      results.row(s, "events pending in the store", pending + " / " + events, "all", pending >= events);
      if (pending < events) {
        results.note("Scenario 6: the processor took in " + pending + " of " + events + " events within the "
            + timeoutSeconds + " s the run's budget left (intake " + Results.f(pending * 1000.0
            / result.get("intakeMs").asDouble(), 0) + " events/s); heap and RSS are measured at that backlog.");
      }
      results.info(s, "heap after GC: empty -> with backlog", Results.f(empty.get("heapUsedAfterGcMb").asDouble(), 0)
          + " -> " + Results.f(full.get("heapUsedAfterGcMb").asDouble(), 0) + " MB (" + PROBE_HEAP + ")");
      results.info(s, "RSS: empty -> with backlog (peak)", Results.f(empty.get("rssMb").asDouble(), 0) + " -> "
          + Results.f(full.get("rssMb").asDouble(), 0) + " MB (" + Results.f(full.get("peakRssMb").asDouble(), 0)
          + ")");
      double diskPerEvent = full.get("stateDirMb").asDouble() * 1_048_576 / Math.max(1, pending);
      results.info(s, "state directory on disk", Results.f(full.get("stateDirMb").asDouble(), 0) + " MB = "
          + Results.f(diskPerEvent, 0) + " B per pending event");
      results.info(s, "intake time for the backlog", Results.f(result.get("intakeMs").asDouble() / 1000, 1) + " s");
      double heapGrowth = full.get("heapUsedAfterGcMb").asDouble() - empty.get("heapUsedAfterGcMb").asDouble();
      // "The store must hold it, not the heap": a heap that grew by less than 100 bytes per pending event.
      double bytesPerEvent = heapGrowth * 1_048_576 / Math.max(1, pending);
      results.row(s, "heap growth per pending event", Results.f(bytesPerEvent, 1) + " B", "store, not heap (< 100 B)",
          bytesPerEvent < 100);
      results.details(s, d);
    }
  }
}
