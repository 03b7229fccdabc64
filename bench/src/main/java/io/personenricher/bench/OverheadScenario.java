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
 * drained three times: by a plain Kafka Streams passthrough ({@code stream(A).to(B)}, byte arrays, the same
 * Streams settings incl. exactly-once); by the real pipeline, every identifier new to it (the API path); and by
 * the same pipeline application restarted on the state that run left, reading the same identifiers again under
 * new keys, so that every one has a fresh answer in its cache (the cache-hit path, a CRM re-sync). Rates are
 * compared in the steady middle of each run (outputs between the 10th and the 90th percentile of their times),
 * timed by the broker: the output topics stamp records with their append time, the one clock all three runs
 * share. The passthrough runs once to warm up first (its own run lasts about a second, short enough for JIT
 * compilation to show), and so does the pipeline: an API-path run and a cache-hit run on topics of their own, with
 * a third of the events, before the measured ones. Without it the JIT compiler takes most of a core for the first
 * minute of the scenario (about 25 000 compilations, 60 s of compiler CPU, by {@code jstat -compiler}), inside the
 * pipeline's measured window and not the passthrough's. The figures from {@code start()} are shown too; they
 * include the cache-hit run's restart, in which the new member waits out the old one's session (10 s here). Both
 * pipeline runs are profiled. These
 * two run with answers reused per task (the cheapest scope, no answers topic); the same two runs follow at the
 * product's default scope, application, on topics of their own.
 */
final class OverheadScenario {

  private static final String S = "3 overhead-bound";

  /** Output records stamped by the broker when appended: one clock for the passthrough and the pipeline. */
  private static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

  /** What one passthrough run measured. */
  private record Passthrough(long visibleMillis, double steadyRate, long streamThreadCpuNanos, long processCpuNanos,
      Map<String, Object> profile, Map<String, Double> clientFigures) {}

  private OverheadScenario() {}

  static void run(BenchInfra infra, BenchPlan plan, Results results, Path profileFile) {
    int events = plan.overheadEvents();
    TopicNames topics = BenchInfra.topics("overhead");
    infra.createTopics(topics, 1, APPEND_TIME);
    String passthroughOut = "overhead.passthrough";
    infra.createTopic(passthroughOut, 1, APPEND_TIME);
    infra.createTopic(passthroughOut + "-warmup", 1);
    // The simulator's dataset (same seed and size), so the pipeline run sees known identifiers.
    SyntheticPeople people = new SyntheticPeople(42L, 200_000);
    long produceMillis = infra.produce(topics.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));

    passthrough(infra, topics.input(), passthroughOut + "-warmup", events, "overhead-passthrough-warmup");
    Passthrough passthrough = passthrough(infra, topics.input(), passthroughOut, events, "overhead-passthrough");
    warmUpPipeline(infra, people, Math.max(1_000, events / 3));

    Profiling apiProfile = new Profiling("overhead-app", profileFile);
    PipelineDrain api = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead", 1, events, instantApi(), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, apiProfile, "rec-",
        null, true, false));
    Map<String, Long> afterApi = infra.topicBytes("overhead");
    // The same identifiers again under new keys: each has a fresh answer in the application's cache now.
    infra.produce(topics.input(), events, "hit-", i -> BenchInfra.distinctEvent(people, i, 0));
    Profiling hitProfile = new Profiling("overhead-app",
        profileFile.resolveSibling(profileFile.getFileName().toString().replace(".jfr", "-cache-hit.jfr")));
    PipelineDrain hits = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead", 1, events, instantApi(), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, hitProfile, "hit-",
        api.stateDir(), false, false));
    Map<String, Long> afterHits = infra.topicBytes("overhead");

    // The same two runs at the product's default reuse scope, application (answers through the answers topic and
    // every instance's global store, new identifiers claimed first), on topics of their own.
    TopicNames bookTopics = BenchInfra.topics("overhead-book");
    infra.createTopics(bookTopics, 1, APPEND_TIME);
    infra.produce(bookTopics.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));
    Profiling bookApiProfile = new Profiling("overhead-book-app",
        profileFile.resolveSibling(profileFile.getFileName().toString().replace(".jfr", "-application-scope.jfr")));
    PipelineDrain bookApi = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead-book", 1, events, instantApi(),
        4, ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, bookApiProfile,
        "rec-", null, true, true));
    infra.produce(bookTopics.input(), events, "hit-", i -> BenchInfra.distinctEvent(people, i, 0));
    PipelineDrain bookHits = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead-book", 1, events,
        instantApi(), 4, ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, null,
        "hit-", bookApi.stateDir(), false, true));
    double passthroughRate = events * 1000.0 / passthrough.visibleMillis();
    double apiFromStart = api.outputs() * 1000.0 / api.visibleMillis();
    double hitsFromStart = hits.outputs() * 1000.0 / hits.visibleMillis();
    double hitRatio = hits.middleRate() / passthrough.steadyRate();
    double apiRatio = api.middleRate() / passthrough.steadyRate();
    results.info(S, "passthrough stream(A).to(B), records/s (steady)", Results.f(passthrough.steadyRate(), 0));
    results.info(S, "API path (identifiers new, 0 ms API), records/s (steady; " + api.outputs() + " of " + events
        + " drained)", Results.f(api.middleRate(), 0));
    results.info(S, "cache-hit path (every identifier answered before), records/s (steady; " + hits.outputs()
        + " of " + events + " drained)", Results.f(hits.middleRate(), 0));
    results.row(S, "cache-hit path / passthrough", Results.f(hitRatio, 3), ">= 0.5",
        hitRatio >= 0.5 && hits.complete());
    results.row(S, "API path at 0 ms / passthrough", Results.f(apiRatio, 3), ">= 0.15",
        apiRatio >= 0.15 && api.complete());
    results.info(S, "application scope (the default): API path / cache-hit path, records/s (steady; "
        + bookApi.outputs() + " and " + bookHits.outputs() + " of " + events + " drained)",
        Results.f(bookApi.middleRate(), 0) + " / " + Results.f(bookHits.middleRate(), 0));
    results.info(S, "application scope: API path / cache-hit path, each / passthrough",
        Results.f(bookApi.middleRate() / passthrough.steadyRate(), 3) + " / "
            + Results.f(bookHits.middleRate() / passthrough.steadyRate(), 3));
    results.info(S, "application scope: stream thread CPU per event, API path / cache-hit path",
        Results.f(bookApi.streamThreadMicrosPerEvent(), 1) + " / " + Results.f(bookHits.streamThreadMicrosPerEvent(), 1)
            + " us");
    results.info(S, "same from start(): passthrough / API path / cache-hit path, records/s",
        Results.f(passthroughRate, 0) + " / " + Results.f(apiFromStart, 0) + " / " + Results.f(hitsFromStart, 0));
    results.info(S, "stream thread CPU per event: passthrough / API path / cache-hit path",
        Results.f(passthrough.streamThreadCpuNanos() / 1000.0 / events, 1) + " / "
            + Results.f(api.streamThreadMicrosPerEvent(), 1) + " / " + Results.f(hits.streamThreadMicrosPerEvent(), 1)
            + " us");
    results.info(S, "whole-JVM CPU per event (broker, simulator, client incl.): passthrough / API / cache-hit",
        Results.f(passthrough.processCpuNanos() / 1000.0 / events, 1) + " / "
            + Results.f(api.processMicrosPerEvent(), 1) + " / " + Results.f(hits.processMicrosPerEvent(), 1) + " us");
    results.info(S, "bytes written to the broker per event (outputs, changelogs): API path / cache-hit path",
        Results.f(total(afterApi, Map.of()) / (double) events, 0) + " / "
            + Results.f(total(afterHits, afterApi) / (double) events, 0) + " B");
    results.info(S, "identifiers per API request at 0 ms; API requests in the cache-hit run",
        Results.f(api.identifiersPerRequest(), 2) + "; " + hits.simulator().requestsReceived());
    @SuppressWarnings("unchecked")
    Map<String, String> passthroughStates = (Map<String, String>) passthrough.profile().get("streamThreadStates");
    passthroughStates.entrySet().stream().limit(2).forEach(e -> results.info(S, "passthrough: stream thread "
        + e.getKey(), e.getValue().replaceAll(" \\(\\d+\\)$", "") + " of wall time"));
    Map<String, Object> apiSummary = summarise(results, "API path", apiProfile);
    Map<String, Object> hitSummary = summarise(results, "cache-hit path", hitProfile);
    Map<String, Object> bookApiSummary = summarise(results, "application-scope API path", bookApiProfile);

    Map<String, Object> d = new LinkedHashMap<>();
    d.put("events", events);
    d.put("produceMs", produceMillis);
    d.put("passthroughMs", passthrough.visibleMillis());
    d.put("passthroughRecordsPerSecond", passthroughRate);
    d.put("passthroughSteadyRate", passthrough.steadyRate());
    d.put("passthroughStreamThreadCpuMicrosPerEvent", passthrough.streamThreadCpuNanos() / 1000.0 / events);
    d.put("passthroughProcessCpuMicrosPerEvent", passthrough.processCpuNanos() / 1000.0 / events);
    d.put("passthroughProfile", passthrough.profile());
    d.put("passthroughClientFigures", passthrough.clientFigures());
    Map<String, Object> apiDetails = details(api, apiFromStart, apiRatio, apiSummary);
    apiDetails.put("topicBytesPerEvent", perEvent(afterApi, Map.of(), events));
    d.put("apiPath", apiDetails);
    Map<String, Object> hitDetails = details(hits, hitsFromStart, hitRatio, hitSummary);
    hitDetails.put("topicBytesPerEvent", perEvent(afterHits, afterApi, events));
    d.put("cacheHitPath", hitDetails);
    d.put("applicationScopeApiPath", details(bookApi, bookApi.outputs() * 1000.0 / bookApi.visibleMillis(),
        bookApi.middleRate() / passthrough.steadyRate(), bookApiSummary));
    d.put("applicationScopeCacheHitPath", details(bookHits, bookHits.outputs() * 1000.0 / bookHits.visibleMillis(),
        bookHits.middleRate() / passthrough.steadyRate(), Map.of()));
    d.put("profileFile", profileFile.toString());
    results.details(S, d);
  }

  /** Both pipeline paths once, unmeasured, on topics of their own, so the measured runs meet compiled code. */
  private static void warmUpPipeline(BenchInfra infra, SyntheticPeople people, int events) {
    TopicNames warm = BenchInfra.topics("pipeline-warmup");
    infra.createTopics(warm, 1, APPEND_TIME);
    infra.produce(warm.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));
    PipelineDrain api = PipelineDrain.run(infra, new PipelineDrain.Spec("pipeline-warmup", 1, events, instantApi(),
        4, ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, null, "rec-", null,
        true, false));
    infra.produce(warm.input(), events, "hit-", i -> BenchInfra.distinctEvent(people, i, 0));
    PipelineDrain.run(infra, new PipelineDrain.Spec("pipeline-warmup", 1, events, instantApi(), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, null, "hit-",
        api.stateDir(), false, false));
  }

  private static Passthrough passthrough(BenchInfra infra, String input, String output, int events,
      String applicationId) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (OutputWatcher watcher = new OutputWatcher(infra.bootstrap(), List.of(output));
        EnricherRunner runner = EnricherRunner.topology(infra.bootstrap(), applicationId, builder.build())) {
      StackSampler sampler = new StackSampler(applicationId);
      sampler.start();
      ThreadCpu cpu = ThreadCpu.snapshot();
      long start = System.currentTimeMillis();
      runner.start();
      int seen = watcher.awaitKeys(events, Duration.ofSeconds(120));
      long streamCpu = cpu.since(ThreadCpu.streamThreadsOf(applicationId));
      long processCpu = cpu.processSince();
      sampler.stop();
      runner.checkAlive();
      if (seen < events) {
        throw new IllegalStateException("passthrough saw only " + seen + " of " + events);
      }
      return new Passthrough(watcher.lastSeenMillis() - start, watcher.steadyRateByTimestamps(), streamCpu, processCpu,
          sampler.summarise(), runner.clientFigures());
    }
  }

  private static io.personenricher.simulator.SimulatorSettings instantApi() {
    return ThroughputScenarios.simulator(ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ZERO);
  }

  /** The profile's figures for the table: where the stream thread's time went. */
  private static Map<String, Object> summarise(Results results, String run, Profiling profile) {
    Map<String, Object> summary = profile.summarise();
    @SuppressWarnings("unchecked")
    Map<String, Object> sampled = (Map<String, Object>) summary.get("sampler");
    @SuppressWarnings("unchecked")
    Map<String, String> states = (Map<String, String>) sampled.get("streamThreadStates");
    states.entrySet().stream().limit(3).forEach(e -> results.info(S, run + ": stream thread " + e.getKey(),
        e.getValue().replaceAll(" \\(\\d+\\)$", "") + " of wall time"));
    StackSampler.inclusive(sampled).entrySet().stream()
        .sorted(Map.Entry.<String, String>comparingByValue(
            (a, b) -> Double.compare(percent(b), percent(a))))
        .filter(e -> !e.getKey().startsWith("EnrichmentProcessor"))
        .limit(4)
        .forEach(e -> results.info(S, run + ":   of running: " + e.getKey(), e.getValue().replaceAll(" \\(\\d+\\)$",
            "")));
    return summary;
  }

  private static long total(Map<String, Long> after, Map<String, Long> before) {
    return after.entrySet().stream().filter(e -> !e.getKey().contains("passthrough") && !e.getKey().contains("identifiers"))
        .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
  }

  /** Bytes each topic grew by between two readings, per event. */
  private static Map<String, Double> perEvent(Map<String, Long> after, Map<String, Long> before, int events) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((topic, bytes) -> out.put(topic, (bytes - before.getOrDefault(topic, 0L)) / (double) events));
    return out;
  }

  private static double percent(String share) {
    return Double.parseDouble(share.substring(0, share.indexOf('%')));
  }

  private static Map<String, Object> details(PipelineDrain run, double fromStart, double ratio,
      Map<String, Object> profile) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("outputs", run.outputs());
    d.put("visibleMs", run.visibleMillis());
    d.put("recordsPerSecondFromStart", fromStart);
    d.put("steadyRateByAppendTime", run.middleRate());
    d.put("steadyVisibleRate", run.steadyVisibleRate());
    d.put("ratioToPassthrough", ratio);
    d.put("streamThreadCpuMicrosPerEvent", run.streamThreadMicrosPerEvent());
    d.put("processCpuMicrosPerEvent", run.processMicrosPerEvent());
    d.put("requests", run.simulator().requestsReceived());
    d.put("identifiersPerRequest", run.identifiersPerRequest());
    d.put("batchesByReason", run.metrics().batchesByReason());
    d.put("clientFigures", run.clientFigures());
    d.put("profile", profile);
    return d;
  }
}
