package io.personenricher.bench;

import io.personenricher.client.VertxEnrichClient;
import io.personenricher.serde.AvroSerdeConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Scenario 6's processor JVM: the real topology and client and nothing else (no broker, registry or
 * simulator in this JVM), against an API that rejects its key, so the client halts and every event stays
 * pending in the store. Reports heap after GC and RSS, empty and with the whole backlog pending, as one
 * {@code RESULT {json}} line.
 *
 * <p>Arguments: bootstrap registryUrl simulatorUrl events timeoutSeconds.
 */
public final class MemoryProbe {

  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String registryUrl = args[1];
    String simulatorUrl = args[2];
    int events = Integer.parseInt(args[3]);
    int timeoutSeconds = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    EnricherRunner.QuotaClient client = EnricherRunner.client(vertx, simulatorUrl, "bench-invalid-key", 4, 15,
        Duration.ofSeconds(60), new RecordingMetrics());
    Map<String, Object> out = new LinkedHashMap<>();
    long start = System.currentTimeMillis();
    try (EnricherRunner runner = EnricherRunner.enricher(bootstrap,
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), "memory-app", BenchInfra.topics("memory"),
        // The pending bound above the backlog: back-pressure must not be what stops the intake.
        EnricherRunner.batchSettings(4, events + 100_000), client, new RecordingMetrics())) {
      runner.start().awaitRunning(Duration.ofSeconds(120));
      out.put("empty", sample(null));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      long lastReport = 0;
      while (runner.activity.pendingEntries() < events && System.nanoTime() < deadline) {
        runner.checkAlive();
        Thread.sleep(200);
        if (System.currentTimeMillis() - lastReport > 10_000) {
          lastReport = System.currentTimeMillis();
          System.out.println("PROGRESS pending=" + runner.activity.pendingEntries() + " halted="
              + client.client().haltReason().map(Object::toString).orElse("no"));
        }
      }
      out.put("pendingEntries", runner.activity.pendingEntries());
      out.put("intakeMs", System.currentTimeMillis() - start);
      out.put("halted", client.client().haltReason().map(Object::toString).orElse("no"));
      out.put("backlog", sample(Path.of(runner.stateDir())));
      System.out.println("RESULT " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
      System.out.flush();
    }
    client.client().close();
    vertx.close();
    System.exit(0);
  }

  /** Heap used after two full GCs, and this process's RSS and peak RSS from /proc/self/status. */
  static Map<String, Object> sample(Path stateDir) throws IOException, InterruptedException {
    System.gc();
    Thread.sleep(200);
    System.gc();
    Thread.sleep(200);
    Map<String, Object> m = new LinkedHashMap<>();
    var memory = ManagementFactory.getMemoryMXBean();
    m.put("heapUsedAfterGcMb", memory.getHeapMemoryUsage().getUsed() / 1_048_576.0);
    m.put("heapCommittedMb", memory.getHeapMemoryUsage().getCommitted() / 1_048_576.0);
    m.put("nonHeapUsedMb", memory.getNonHeapMemoryUsage().getUsed() / 1_048_576.0);
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
        long kb = Long.parseLong(line.replaceAll("\\D", ""));
        m.put(line.startsWith("VmRSS:") ? "rssMb" : "peakRssMb", kb / 1024.0);
      }
    }
    if (stateDir != null) {
      try (Stream<Path> files = Files.walk(stateDir)) {
        long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        m.put("stateDirMb", bytes / 1_048_576.0);
      }
      // By store: <stateDir>/<application>/<task>/rocksdb/<store>/...
      Map<String, Double> byStore = new java.util.TreeMap<>();
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.filter(Files::isRegularFile).forEach(file -> {
          Path relative = stateDir.relativize(file);
          String store = relative.getNameCount() > 4 && relative.getName(2).toString().equals("rocksdb")
              ? relative.getName(3).toString() : "other";
          byStore.merge(store, file.toFile().length() / 1_048_576.0, Double::sum);
        });
      }
      m.put("stateDirMbByStore", byStore);
    }
    return m;
  }
}
