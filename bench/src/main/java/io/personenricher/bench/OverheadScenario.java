package io.personenricher.bench;

import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Scenario 3: with a free, instant API the pipeline's own cost shows. The same backlog on the same broker is
 * drained by a plain Kafka Streams passthrough ({@code stream(A).to(B)}, byte arrays, the same Streams settings
 * incl. exactly-once) and by the real pipeline; both are timed from {@code start()} until a read_committed
 * consumer has seen every output. The pipeline run is profiled with JFR.
 */
final class OverheadScenario {

  private OverheadScenario() {}

  static void run(BenchInfra infra, BenchPlan plan, Results results, Path profileFile) {
    String s = "3 overhead-bound";
    int events = plan.overheadEvents();
    TopicNames topics = BenchInfra.topics("overhead");
    infra.createTopics(topics, 1);
    String passthroughOut = "overhead.passthrough";
    infra.createTopic(passthroughOut, 1);
    // The simulator's dataset (same seed and size), so the pipeline run sees known identifiers.
    SyntheticPeople people = new SyntheticPeople(42L, 200_000);
    long produceMillis = infra.produce(topics.input(), events, i -> BenchInfra.distinctEvent(people, i, 0));

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(passthroughOut, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    long passthroughMillis;
    try (OutputWatcher watcher = new OutputWatcher(infra.bootstrap(), List.of(passthroughOut));
        EnricherRunner runner = EnricherRunner.topology(infra.bootstrap(), "overhead-passthrough", builder.build())) {
      long start = System.currentTimeMillis();
      runner.start();
      int seen = watcher.awaitKeys(events, Duration.ofSeconds(120));
      runner.checkAlive();
      if (seen < events) {
        throw new IllegalStateException("passthrough saw only " + seen + " of " + events);
      }
      passthroughMillis = watcher.lastSeenMillis() - start;
    }

    Profiling profile = new Profiling("overhead-app", profileFile);
    PipelineDrain pipeline = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead", 1, events,
        ThroughputScenarios.simulator(ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ZERO), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, profile));
    double passthroughRate = events * 1000.0 / passthroughMillis;
    double pipelineRate = pipeline.outputs() * 1000.0 / pipeline.visibleMillis();
    double ratio = pipelineRate / passthroughRate;
    results.info(s, "passthrough stream(A).to(B), records/s", Results.f(passthroughRate, 0));
    results.info(s, "pipeline records/s (" + pipeline.outputs() + " of " + events + ")", Results.f(pipelineRate, 0));
    results.row(s, "pipeline / passthrough", Results.f(ratio, 3), ">= 0.5", ratio >= 0.5 && pipeline.complete());
    results.info(s, "identifiers per API request at 0 ms", Results.f(pipeline.identifiersPerRequest(), 2));
    Map<String, Object> summary = profile.summarise();
    @SuppressWarnings("unchecked")
    Map<String, Object> sampled = (Map<String, Object>) summary.get("sampler");
    @SuppressWarnings("unchecked")
    Map<String, String> states = (Map<String, String>) sampled.get("streamThreadStates");
    states.entrySet().stream().limit(3).forEach(e -> results.info(s, "stream thread " + e.getKey(),
        e.getValue().replaceAll(" \\(\\d+\\)$", "") + " of wall time"));
    StackSampler.inclusive(sampled).entrySet().stream().limit(3).forEach(e -> results.info(s,
        "  of running: " + e.getKey(), e.getValue().replaceAll(" \\(\\d+\\)$", "")));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("events", events);
    d.put("produceMs", produceMillis);
    d.put("passthroughMs", passthroughMillis);
    d.put("passthroughRecordsPerSecond", passthroughRate);
    d.put("pipelineMs", pipeline.visibleMillis());
    d.put("pipelineOutputs", pipeline.outputs());
    d.put("pipelineRecordsPerSecond", pipelineRate);
    d.put("pipelineSteadyRate", pipeline.steadyRate());
    d.put("ratio", ratio);
    d.put("requests", pipeline.simulator().requestsReceived());
    d.put("identifiersPerRequest", pipeline.identifiersPerRequest());
    d.put("batchesByReason", pipeline.metrics().batchesByReason());
    d.put("profile", summary);
    d.put("profileFile", profileFile.toString());
    results.details(s, d);
  }
}
