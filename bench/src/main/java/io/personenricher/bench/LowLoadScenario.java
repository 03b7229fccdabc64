package io.personenricher.bench;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Scenario 5: a trickle of events (5 per second), so no batch ever fills and every one leaves on linger. The
 * end-to-end latency is the output record's timestamp (set by the processor when it forwards) minus the event's
 * {@code event_time}; the latency until a read_committed consumer sees it (after the transaction commits) is
 * reported next to it.
 */
final class LowLoadScenario {

  private LowLoadScenario() {}

  static void run(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "5 low-load latency";
    TopicNames topics = BenchInfra.topics("lowload");
    infra.createTopics(topics, 1);
    BatchSettings settings = BatchSettings.defaults();
    int events = plan.lowLoadRate() * plan.lowLoadSeconds();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, ThroughputScenarios.simulator(
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), plan.latency()))) {
      simulator.start();
      RecordingMetrics metrics = new RecordingMetrics();
      EnricherRunner.QuotaClient client = EnricherRunner.client(infra.vertx, simulator.baseUrl(),
          SimulatorSettings.DEFAULT_API_KEY, settings.maxInFlightPerTask(), ThroughputScenarios.UNLIMITED,
          Duration.ofSeconds(60), metrics);
      try (OutputWatcher watcher = new OutputWatcher(infra.bootstrap(),
              List.of(topics.enriched(), topics.unmatched(), topics.deadLetter()));
          EnricherRunner runner = EnricherRunner.enricher(infra.bootstrap(), infra.serdeConfig(), "lowload-app",
              topics, settings, client, metrics);
          KafkaProducer<String, IdentifierEvent> producer = infra.eventProducer()) {
        runner.start().awaitRunning(Duration.ofSeconds(60));
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / plan.lowLoadRate();
        long begin = System.nanoTime();
        for (int i = 0; i < events; i++) {
          long due = begin + i * intervalNanos;
          while (System.nanoTime() < due) {
            watcher.poll(Duration.ofMillis(Math.max(1, (due - System.nanoTime()) / 1_000_000)));
          }
          long now = System.currentTimeMillis();
          String key = "rec-" + i;
          sentAt.put(key, now);
          sends.add(producer.send(new ProducerRecord<>(topics.input(), null, now, key,
              BenchInfra.distinctEvent(simulator.people(), i, now))));
        }
        producer.flush();
        BenchInfra.checkAll(sends);
        watcher.awaitKeys(events, Duration.ofSeconds(60));
        runner.checkAlive();
        long[] e2e = new long[watcher.keys()];
        long[] visible = new long[watcher.keys()];
        int n = 0;
        for (Map.Entry<String, OutputWatcher.Seen> e : watcher.firstByKey().entrySet()) {
          long sent = sentAt.get(e.getKey());
          e2e[n] = e.getValue().recordTimestamp() - sent;
          visible[n] = e.getValue().seenAtMillis() - sent;
          n++;
        }
        Arrays.sort(e2e);
        Arrays.sort(visible);
        long expected = settings.linger().toMillis() + plan.latency().toMillis();
        results.info(s, "events (" + plan.lowLoadRate() + "/s for " + plan.lowLoadSeconds() + " s) with output",
            watcher.keys() + " / " + events);
        results.info(s, "e2e p50 / p99 / max (event time -> output time)",
            pct(e2e, 50) + " / " + pct(e2e, 99) + " / " + (n == 0 ? "-" : e2e[n - 1]) + " ms");
        results.info(s, "expected bound: linger + API latency", expected + " ms (+ punctuation 50 ms)");
        results.info(s, "visible to read_committed p50 / p99", pct(visible, 50) + " / " + pct(visible, 99) + " ms");
        results.info(s, "identifiers per request at this load",
            Results.f(simulator.stats().identifiersReceived() / (double) Math.max(1,
                simulator.stats().requestsReceived()), 2));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("events", events);
        d.put("outputs", watcher.keys());
        d.put("e2eP50Ms", pct(e2e, 50));
        d.put("e2eP99Ms", pct(e2e, 99));
        d.put("e2eMaxMs", n == 0 ? -1 : e2e[n - 1]);
        d.put("visibleP50Ms", pct(visible, 50));
        d.put("visibleP99Ms", pct(visible, 99));
        d.put("lingerMs", settings.linger().toMillis());
        d.put("apiLatencyMs", plan.latency().toMillis());
        d.put("commitIntervalMs", 100);
        d.put("requests", simulator.stats().requestsReceived());
        d.put("batchesByReason", metrics.batchesByReason());
        results.details(s, d);
      } finally {
        client.client().close();
      }
    }
  }

  static long pct(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
