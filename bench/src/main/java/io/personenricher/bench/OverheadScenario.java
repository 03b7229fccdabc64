package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.ValueMapper;

/**
 * Scenario 3: with a free, instant API the pipeline's own cost shows. The same backlog on the same broker is
 * drained by a plain Kafka Streams passthrough ({@code stream(A).to(B)}, byte arrays, the same Streams settings
 * incl. exactly-once); by the real pipeline, every identifier new to it (the API path); and by the same pipeline
 * application restarted on the state that run left, reading the same identifiers again under new keys, so that
 * every one has a fresh answer in its cache (the cache-hit path, a CRM re-sync). The passthrough and the cache-hit
 * run alternate three times and the median ratio is reported, each round's too: one pair alone moved with the
 * machine's drift from run to run. The API path is compared with the median passthrough. Each measured run waits
 * first for the JIT compilers to catch up ({@link JitQuiet}), so that it measures compiled code, as a deployed
 * instance runs, and not the compiler's backlog. Rates are
 * compared in the steady middle of each run (outputs between the 10th and the 90th percentile of their times),
 * timed by the broker: the output topics stamp records with their append time, the one clock all three runs
 * share. Every application measured here runs in a JVM of its own ({@link OverheadChild}), apart from the broker
 * and the simulated API: sharing the harness's JVM, they shared its one JIT compiler thread with the broker's code
 * and were measured while it was thousands of methods behind. The passthrough runs once to warm up first, and so
 * does the pipeline: an API-path run and two cache-hit runs with as many events, on topics of their own, before
 * the measured ones (with a third of the events, the measured API run still made 2 500 compilations,
 * {@code -XX:+PrintCompilation}). The figures from {@code start()} are shown too; they include the cache-hit run's
 * restart, in which the new member waits out the old one's session (10 s here). No measured run is profiled: the
 * profiles come from a passthrough, an API-path and a cache-hit run of their own after the measured ones (profiled,
 * the API path's stream thread took 120-130 us per event instead of 73). The measured pipeline runs reuse answers
 * per task (the cheapest scope, no answers topic); the same two runs follow at the product's default scope,
 * application, on topics of their own. Each round also runs a second passthrough whose values are padded with
 * random bytes until its topic grows by as many bytes per event as the enriched one, to tell what the output's
 * bytes cost this broker and these cores from what the pipeline's own work costs; it is a reading aid, not the
 * goal's yardstick.
 */
final class OverheadScenario {

  private static final String S = "3 overhead-bound";

  /** Output records stamped by the broker when appended: one clock for the passthrough and the pipeline. */
  private static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

  /** Alternating passthrough and cache-hit runs; the ratio reported is their median. Odd, so the median is a run. */
  private static final int ROUNDS = 3;

  private static final String PASSTHROUGH_OUT = "overhead.passthrough";

  /** The padded passthrough's outputs, one topic a round. */
  private static final String SIZED_OUT = "overhead.passthrough-sized";

  /**
   * Unmeasured cache-hit runs before the measured ones: after one, the first measured round still spent 5 of its
   * 6 s compiling (CompilationMXBean), the third 1 s.
   */
  private static final int CACHE_HIT_WARMUPS = 2;

  /** About the size of one stored answer (its LZ4 form and the time it was answered): 705 B in scenario 11. */
  private static final int STORED_ANSWER_BYTES = 700;

  /** The longest wait for the JIT before one measured run. */
  private static final Duration JIT_CAP = Duration.ofSeconds(60);

  /** What one passthrough run measured. */
  private record Passthrough(long visibleMillis, double steadyRate, long streamThreadCpuNanos, long processCpuNanos,
      Map<String, Object> profile, Map<String, Double> clientFigures, long gcMillis, long jitMillis) {

    double streamThreadMicrosPerEvent(int events) {
      return streamThreadCpuNanos / 1000.0 / events;
    }

    double processMicrosPerEvent(int events) {
      return processCpuNanos / 1000.0 / events;
    }
  }

  /** The application JVM's heap: the harness's own. */
  private static final String CHILD_HEAP = "-Xmx2g";

  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(20);

  private OverheadScenario() {}

  /** Runs the scenario in the application JVM ({@link OverheadChild}) and takes in what it measured. */
  static void run(BenchInfra infra, BenchPlan plan, Results results, Path profileFile) {
    ChildProcess.Outcome outcome;
    double seconds;
    ThreadCpu harness = ThreadCpu.snapshot();
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, instantApi())) {
      simulator.start();
      // DebugNonSafepoints: JFR's stacks then name the inlined method a sample fell in, not the nearest safepoint's.
      // Without it (and in the safepoint-bound stack sampler) hot-path-12's API-path profile put 13-26 % of the stream
      // thread in GroupKey's hashCode and equals; a class with a cached hash measured no faster (4800a42).
      List<String> command = List.of(BaselineScenarios.javaExecutable(), CHILD_HEAP, "-XX:+UseG1GC",
          "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
          "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""), "-cp",
          System.getProperty("java.class.path"), OverheadChild.class.getName(), infra.bootstrap(),
          infra.registryUrl(), simulator.baseUrl(), plan.name(), profileFile.toString());
      long start = System.nanoTime();
      outcome = ChildProcess.run(command, CHILD_TIMEOUT);
      seconds = (System.nanoTime() - start) / 1e9;
    }
    JsonNode measured = outcome.resultJson();
    if (measured == null || outcome.exitCode() != 0) {
      results.row(S, "application JVM", "failed: " + outcome.firstError(), "", false);
      results.note("Scenario 3's application JVM failed: " + outcome.firstError() + "\n" + outcome.tail(20));
    }
    if (measured != null) {
      results.absorb(measured);
    }
    results.info(S, "harness JVM (broker, simulated API) CPU while the application JVM ran, share of one core",
        Results.f(100.0 * harness.processSince() / 1e9 / seconds, 1) + " % over " + Results.f(seconds, 0) + " s");
  }

  /** The scenario itself, in the application JVM. */
  static void measure(BenchInfra infra, BenchPlan plan, Results results, Path profileFile) {
    int events = plan.overheadEvents();
    // Two costs measured apart, first, while this JVM runs nothing else (after the runs, with the compiler's queue
    // long, the meters measured 1.55 us per event instead of 0.18): the floor one cache hit's read of its answer
    // sets, and the product's meters, which the runs below leave out.
    RocksReadProbe.Reads reads = RocksReadProbe.microsPerRead(events, STORED_ANSWER_BYTES);
    double meterMicros = MeterCostProbe.microsPerEvent();
    TopicNames topics = BenchInfra.topics("overhead");
    infra.createTopics(topics, 1, APPEND_TIME);
    // The passthrough's own copy of the same events: the pipeline's input grows by a copy per cache-hit round.
    String passthroughIn = "overhead.passthrough-input";
    infra.createTopic(passthroughIn, 1);
    infra.createTopic(PASSTHROUGH_OUT + "-warmup", 1);
    // The simulator's dataset (same seed and size), so the pipeline run sees known identifiers.
    SyntheticPeople people = new SyntheticPeople(42L, 200_000);
    long produceMillis = infra.produce(topics.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));
    infra.produce(passthroughIn, events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));

    passthrough(infra, passthroughIn, PASSTHROUGH_OUT + "-warmup", events, "overhead-passthrough-warmup", 0, false);
    // Warm-up, so that the measured runs meet compiled code.
    unmeasuredRuns(infra, people, "pipeline-warmup", events, CACHE_HIT_WARMUPS, null, null);

    Map<String, Long> jitWaits = new LinkedHashMap<>();
    quiet(jitWaits, "apiPath");
    PipelineDrain api = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead", 1, events, instantApi(), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, null, "rec-",
        null, true, false));
    Map<String, Long> afterApi = infra.topicBytes("overhead");
    // The passthrough writes 70 B per event and the pipeline about 1.1 kB (before the producer's compression); a
    // second passthrough pads each value with incompressible bytes until its topic grows as the enriched one does, to
    // show what writing the enriched record's bytes costs on this broker and these cores alone.
    int padding = (int) Math.round((afterApi.getOrDefault(topics.enriched(), 0L)
        - afterApi.getOrDefault(PASSTHROUGH_OUT + "-warmup", 0L)) / (double) events);
    // Passthrough and cache-hit runs alternate, so that each ratio compares two runs a few seconds apart: a single
    // pair was at the mercy of the machine's drift (one recorded run had the passthrough at 1.6x its usual rate).
    List<Round> rounds = new ArrayList<>();
    String stateDir = api.stateDir();
    for (int r = 0; r < ROUNDS; r++) {
      infra.createTopic(PASSTHROUGH_OUT + "-" + r, 1, APPEND_TIME);
      quiet(jitWaits, "passthrough" + r);
      Passthrough passthrough = passthrough(infra, passthroughIn, PASSTHROUGH_OUT + "-" + r, events,
          "overhead-passthrough-" + r, 0, false);
      infra.createTopic(SIZED_OUT + "-" + r, 1, APPEND_TIME);
      quiet(jitWaits, "sizedPassthrough" + r);
      Passthrough sized = passthrough(infra, passthroughIn, SIZED_OUT + "-" + r, events,
          "overhead-passthrough-sized-" + r, padding, false);
      // The same identifiers again under new keys: each has a fresh answer in the application's cache now.
      String keys = "hit" + r + "-";
      infra.produce(topics.input(), events, keys, i -> BenchInfra.distinctEvent(people, i, 0));
      quiet(jitWaits, "cacheHit" + r);
      PipelineDrain hits = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead", 1, events, instantApi(), 4,
          ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, null, keys,
          stateDir, true, false));
      stateDir = hits.stateDir();
      rounds.add(new Round(passthrough, sized, hits));
    }
    Map<String, Long> afterHits = infra.topicBytes("overhead");
    Round median = rounds.stream().sorted(Comparator.comparingDouble(Round::ratio)).toList().get(ROUNDS / 2);
    double passthroughRate = median(rounds, round -> round.passthrough().steadyRate());
    Passthrough passthrough = median.passthrough();
    PipelineDrain hits = median.hits();

    // The same two runs at the product's default reuse scope, application (answers through the answers topic and
    // every instance's global store, new identifiers claimed first), on topics of their own.
    TopicNames bookTopics = BenchInfra.topics("overhead-book");
    infra.createTopics(bookTopics, 1, APPEND_TIME);
    infra.produce(bookTopics.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));
    quiet(jitWaits, "applicationScopeApiPath");
    PipelineDrain bookApi = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead-book", 1, events, instantApi(),
        4, ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, null,
        "rec-", null, true, true));
    infra.produce(bookTopics.input(), events, "hit-", i -> BenchInfra.distinctEvent(people, i, 0));
    quiet(jitWaits, "applicationScopeCacheHitPath");
    PipelineDrain bookHits = PipelineDrain.run(infra, new PipelineDrain.Spec("overhead-book", 1, events,
        instantApi(), 4, ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true, null,
        "hit-", bookApi.stateDir(), false, true));

    // Where the time goes, from runs of their own after the measured ones: in side runs, profiling the measured API
    // run (JFR and the stack sampler) took its stream thread from 73 to 120-130 us per event.
    infra.createTopic(PASSTHROUGH_OUT + "-profile", 1, APPEND_TIME);
    Passthrough sampled = passthrough(infra, passthroughIn, PASSTHROUGH_OUT + "-profile", events,
        "overhead-passthrough-profile", 0, true);
    Profiling apiProfile = new Profiling("overhead-profile-app", profileFile);
    Profiling hitProfile = new Profiling("overhead-profile-app",
        profileFile.resolveSibling(profileFile.getFileName().toString().replace(".jfr", "-cache-hit.jfr")));
    unmeasuredRuns(infra, people, "overhead-profile", events, 1, apiProfile, hitProfile);
    double hitRatio = median.ratio();
    double apiRatio = api.middleRate() / passthroughRate;
    boolean hitsComplete = rounds.stream().allMatch(round -> round.hits().complete());
    results.info(S, "passthrough stream(A).to(B), records/s (steady), median of " + ROUNDS + " runs: "
        + join(rounds, round -> Results.f(round.passthrough().steadyRate(), 0)), Results.f(passthroughRate, 0));
    results.info(S, "API path (identifiers new, 0 ms API), records/s (steady; " + api.outputs() + " of " + events
        + " drained)", Results.f(api.middleRate(), 0));
    results.info(S, "cache-hit path (every identifier answered before), records/s (steady), in the median round; "
        + "each round: " + join(rounds, round -> Results.f(round.hits().middleRate(), 0)),
        Results.f(hits.middleRate(), 0));
    results.row(S, "cache-hit path / passthrough, median of " + ROUNDS + " alternating rounds: "
        + join(rounds, round -> Results.f(round.ratio(), 3)), Results.f(hitRatio, 3), ">= 0.5",
        hitRatio >= 0.5 && hitsComplete);
    Map<String, Long> sizedBytes = infra.topicBytes(SIZED_OUT);
    results.info(S, "passthrough writing the enriched record's bytes (each value " + padding + " B longer; its topic "
        + "grew " + Results.f(sizedBytes.getOrDefault(SIZED_OUT + "-0", 0L) / (double) events, 0) + " B per event, "
        + "the enriched topic " + Results.f(afterApi.getOrDefault(topics.enriched(), 0L) / (double) events, 0)
        + " B), records/s, median of " + ROUNDS + " runs: " + join(rounds, round -> Results.f(round.sized().steadyRate(),
        0)), Results.f(median(rounds, round -> round.sized().steadyRate()), 0));
    results.info(S, "cache-hit path / that passthrough, each round (not the goal's yardstick): "
        + join(rounds, round -> Results.f(round.sizedRatio(), 3)), Results.f(median(rounds, Round::sizedRatio), 3));
    results.info(S, "the most a cache hit can reach of the passthrough, the pipeline's own work aside (that "
        + "passthrough plus one read of the answer store, in write order), each round: "
        + join(rounds, round -> Results.f(round.floorRatio(reads.inWriteOrder()), 3)),
        Results.f(median(rounds, round -> round.floorRatio(reads.inWriteOrder())), 3));
    results.info(S, "stream thread CPU per event, that passthrough (median of the rounds)",
        Results.f(median(rounds, round -> round.sized().streamThreadMicrosPerEvent(events)), 1) + " us");
    results.row(S, "API path at 0 ms / passthrough (median)", Results.f(apiRatio, 3), ">= 0.15",
        apiRatio >= 0.15 && api.complete());
    results.info(S, "application scope (the default): API path / cache-hit path, records/s (steady; "
        + bookApi.outputs() + " and " + bookHits.outputs() + " of " + events + " drained)",
        Results.f(bookApi.middleRate(), 0) + " / " + Results.f(bookHits.middleRate(), 0));
    results.info(S, "application scope: API path / cache-hit path, each / passthrough (median)",
        Results.f(bookApi.middleRate() / passthroughRate, 3) + " / "
            + Results.f(bookHits.middleRate() / passthroughRate, 3));
    results.info(S, "application scope: stream thread CPU per event, API path / cache-hit path",
        Results.f(bookApi.streamThreadMicrosPerEvent(), 1) + " / " + Results.f(bookHits.streamThreadMicrosPerEvent(), 1)
            + " us");
    results.info(S, "same from start(), median round: passthrough / API path / cache-hit path, records/s",
        Results.f(events * 1000.0 / passthrough.visibleMillis(), 0) + " / " + Results.f(api.fromStartRate(), 0) + " / "
            + Results.f(hits.fromStartRate(), 0));
    double passthroughMicros = median(rounds, round -> round.passthrough().streamThreadMicrosPerEvent(events));
    results.info(S, "stream thread CPU per event: passthrough / API path / cache-hit path (medians of the rounds)",
        Results.f(passthroughMicros, 1) + " / "
            + Results.f(api.streamThreadMicrosPerEvent(), 1) + " / "
            + Results.f(median(rounds, round -> round.hits().streamThreadMicrosPerEvent()), 1) + " us");
    results.info(S, "the product's meters per cache hit (Prometheus; the runs above count into the harness's own)",
        Results.f(meterMicros, 2) + " us");
    results.info(S, "one read of the answer store alone (RocksDB, " + events + " x " + STORED_ANSWER_BYTES
        + " B, the store's options): in write order / in random order, us; x the passthrough's stream-thread CPU"
        + " per event", Results.f(reads.inWriteOrder(), 1) + " / " + Results.f(reads.inRandomOrder(), 1) + " us; "
        + Results.f(reads.inWriteOrder() / passthroughMicros, 1) + "x / "
        + Results.f(reads.inRandomOrder() / passthroughMicros, 1) + "x");
    results.info(S, "application JVM CPU per event (client, output watcher incl.; not the broker or the API): "
        + "passthrough / API / cache-hit",
        Results.f(passthrough.processMicrosPerEvent(events), 1) + " / "
            + Results.f(api.processMicrosPerEvent(), 1) + " / " + Results.f(hits.processMicrosPerEvent(), 1) + " us");
    results.info(S, "GC / JIT time in the run: passthrough / API / cache-hit (median round)",
        passthrough.gcMillis() + "/" + passthrough.jitMillis() + " / " + api.gcMillis() + "/" + api.jitMillis()
            + " / " + hits.gcMillis() + "/" + hits.jitMillis() + " ms");
    results.info(S, "waited for the JIT compilers to catch up before the measured runs (cap "
        + JIT_CAP.toSeconds() + " s each): total, longest", jitWaits.values().stream().mapToLong(Long::longValue).sum()
        / 1000 + " s, " + jitWaits.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000 + " s");
    results.info(S, "bytes written to the broker per event (outputs, changelogs): API path / cache-hit path",
        Results.f(total(afterApi, Map.of()) / (double) events, 0) + " / "
            + Results.f(total(afterHits, afterApi) / (double) events / ROUNDS, 0) + " B");
    results.info(S, "identifiers per API request at 0 ms; API requests in the cache-hit runs",
        Results.f(api.identifiersPerRequest(), 2) + "; "
            + rounds.stream().mapToLong(round -> round.hits().simulator().requestsReceived()).sum());
    @SuppressWarnings("unchecked")
    Map<String, String> passthroughStates = (Map<String, String>) sampled.profile().get("streamThreadStates");
    passthroughStates.entrySet().stream().limit(2).forEach(e -> results.info(S, "passthrough: stream thread "
        + e.getKey(), e.getValue().replaceAll(" \\(\\d+\\)$", "") + " of wall time"));
    Map<String, Object> apiSummary = summarise(results, "API path (profiled run)", apiProfile);
    Map<String, Object> hitSummary = summarise(results, "cache-hit path (profiled run)", hitProfile);

    Map<String, Object> d = new LinkedHashMap<>();
    d.put("events", events);
    d.put("rounds", ROUNDS);
    d.put("answerStoreReadMicros", reads.inWriteOrder());
    d.put("answerStoreRandomReadMicros", reads.inRandomOrder());
    d.put("cacheHitFloorRatioMedian", median(rounds, round -> round.floorRatio(reads.inWriteOrder())));
    d.put("productMetersMicrosPerCacheHit", meterMicros);
    d.put("produceMs", produceMillis);
    d.put("passthroughSteadyRateMedian", passthroughRate);
    d.put("sizedPassthroughPaddingBytes", padding);
    List<Map<String, Object>> roundDetails = new ArrayList<>();
    for (Round round : rounds) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("passthroughMs", round.passthrough().visibleMillis());
      one.put("passthroughSteadyRate", round.passthrough().steadyRate());
      one.put("passthroughStreamThreadCpuMicrosPerEvent", round.passthrough().streamThreadMicrosPerEvent(events));
      one.put("passthroughProcessCpuMicrosPerEvent", round.passthrough().processMicrosPerEvent(events));
      one.put("passthroughGcMs", round.passthrough().gcMillis());
      one.put("passthroughJitMs", round.passthrough().jitMillis());
      one.put("passthroughClientFigures", round.passthrough().clientFigures());
      one.put("sizedPassthroughSteadyRate", round.sized().steadyRate());
      one.put("sizedPassthroughStreamThreadCpuMicrosPerEvent", round.sized().streamThreadMicrosPerEvent(events));
      one.put("sizedPassthroughProcessCpuMicrosPerEvent", round.sized().processMicrosPerEvent(events));
      one.put("sizedPassthroughJitMs", round.sized().jitMillis());
      one.put("cacheHitPath", details(round.hits(), round.ratio(), Map.of()));
      roundDetails.add(one);
    }
    d.put("passthroughAndCacheHitRounds", roundDetails);
    d.put("passthroughProfile", sampled.profile());
    d.put("apiPathProfile", apiSummary);
    d.put("cacheHitPathProfile", hitSummary);
    Map<String, Object> apiDetails = details(api, apiRatio, Map.of());
    apiDetails.put("topicBytesPerEvent", perEvent(afterApi, Map.of(), events));
    d.put("apiPath", apiDetails);
    // Each passthrough topic grows in its own round only: per event of that round, not of all three.
    Map<String, Long> pipelineTopics = new LinkedHashMap<>(afterHits);
    pipelineTopics.keySet().removeIf(topic -> topic.contains("passthrough"));
    d.put("cacheHitTopicBytesPerEvent", perEvent(pipelineTopics, afterApi, events * ROUNDS));
    d.put("passthroughOutputBytesPerEvent", afterHits.getOrDefault(PASSTHROUGH_OUT + "-0", 0L) / (double) events);
    d.put("applicationScopeApiPath", details(bookApi, bookApi.middleRate() / passthroughRate, Map.of()));
    d.put("applicationScopeCacheHitPath", details(bookHits, bookHits.middleRate() / passthroughRate, Map.of()));
    d.put("jitQuietWaitsMs", jitWaits);
    d.put("profileFile", profileFile.toString());
    results.details(S, d);
  }

  /** Waits for the JIT to catch up ({@link JitQuiet}) and notes how long that took under {@code run}. */
  private static void quiet(Map<String, Long> waits, String run) {
    waits.put(run, JitQuiet.await(JIT_CAP));
  }

  /** One passthrough run, the padded one, and the cache-hit run right after them. */
  private record Round(Passthrough passthrough, Passthrough sized, PipelineDrain hits) {
    double ratio() {
      return hits.middleRate() / passthrough.steadyRate();
    }

    double sizedRatio() {
      return hits.middleRate() / sized.steadyRate();
    }

    /**
     * The most a cache hit could reach of the passthrough in this round if the pipeline's own work cost nothing: it
     * writes the enriched record's bytes, as the padded passthrough does, and reads its answer once from the store.
     */
    double floorRatio(double readMicros) {
      double floorRate = 1e6 / (1e6 / sized.steadyRate() + readMicros);
      return floorRate / passthrough.steadyRate();
    }
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
    double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static String join(List<Round> rounds, Function<Round, String> figure) {
    return rounds.stream().map(figure).collect(Collectors.joining(", "));
  }

  /**
   * Unmeasured pipeline runs on topics of their own ({@code prefix}): the API path, then {@code cacheHitPasses}
   * cache-hit runs on the state it left, under new keys each time. The warm-up before the measured runs, and the
   * profiled runs after them ({@code apiProfile} and {@code hitProfile}, the latter on the first cache-hit pass;
   * null for none).
   */
  private static void unmeasuredRuns(BenchInfra infra, SyntheticPeople people, String prefix, int events,
      int cacheHitPasses, Profiling apiProfile, Profiling hitProfile) {
    TopicNames own = BenchInfra.topics(prefix);
    infra.createTopics(own, 1, APPEND_TIME);
    infra.produce(own.input(), events, "rec-", i -> BenchInfra.distinctEvent(people, i, 0));
    String stateDir = PipelineDrain.run(infra, new PipelineDrain.Spec(prefix, 1, events, instantApi(), 4,
        ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(600), true, apiProfile, "rec-",
        null, true, false)).stateDir();
    for (int pass = 0; pass < cacheHitPasses; pass++) {
      String keys = "hit" + pass + "-";
      infra.produce(own.input(), events, keys, i -> BenchInfra.distinctEvent(people, i, 0));
      stateDir = PipelineDrain.run(infra, new PipelineDrain.Spec(prefix, 1, events, instantApi(), 4,
          ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(300), true,
          pass == 0 ? hitProfile : null, keys, stateDir, pass < cacheHitPasses - 1, false)).stateDir();
    }
  }

  /** @param sampled sample the stream thread's stacks (a profiled run, not a measured one) */
  private static Passthrough passthrough(BenchInfra infra, String input, String output, int events,
      String applicationId, int padding, boolean sampled) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<byte[], byte[]> in = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
    (padding > 0 ? in.mapValues(new Padding(padding)) : in)
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (OutputWatcher watcher = new OutputWatcher(infra.bootstrap(), List.of(output));
        EnricherRunner runner = EnricherRunner.topology(infra.bootstrap(), applicationId, builder.build())) {
      StackSampler sampler = new StackSampler(applicationId);
      if (sampled) {
        sampler.start();
      }
      ThreadCpu cpu = ThreadCpu.snapshot();
      long start = System.currentTimeMillis();
      runner.start();
      int seen = watcher.awaitKeys(events, Duration.ofSeconds(120));
      long streamCpu = cpu.since(ThreadCpu.streamThreadsOf(applicationId));
      long processCpu = cpu.processSince();
      if (sampled) {
        sampler.stop();
      }
      runner.checkAlive();
      if (seen < events) {
        throw new IllegalStateException("passthrough saw only " + seen + " of " + events);
      }
      return new Passthrough(watcher.lastSeenMillis() - start, watcher.steadyRateByTimestamps(), streamCpu, processCpu,
          sampled ? sampler.summarise() : Map.of(), runner.clientFigures(), cpu.gcMillisSince(),
          cpu.jitMillisSince());
    }
  }

  /**
   * Lengthens each value by {@code bytes} of random noise, a different slice for every record, so that the
   * producer's compression finds nothing to take out of it (its window is 64 KiB; the noise is 4 MiB).
   */
  private static final class Padding implements ValueMapper<byte[], byte[]> {
    private final byte[] noise = new byte[4 << 20];
    private final int bytes;
    private int offset;

    Padding(int bytes) {
      this.bytes = bytes;
      new Random(7).nextBytes(noise);
    }

    @Override
    public byte[] apply(byte[] value) {
      if (offset + bytes > noise.length) {
        offset = 0;
      }
      byte[] padded = Arrays.copyOf(value, value.length + bytes);
      System.arraycopy(noise, offset, padded, value.length, bytes);
      offset += bytes;
      return padded;
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
    // The sampler attributes time to the nearest safepoint, which is good for "which part", not for one method; JFR,
    // with DebugNonSafepoints in this JVM, names the method a sample fell in.
    @SuppressWarnings("unchecked")
    Map<String, Object> jfr = (Map<String, Object>) summary.get("jfr");
    @SuppressWarnings("unchecked")
    Map<String, String> leaves = jfr == null ? Map.of() : (Map<String, String>) jfr.get("streamThreadTopFrames");
    if (!leaves.isEmpty()) {
      results.info(S, run + ": hottest methods by JFR (" + jfr.get("streamThreadSamples") + " stream-thread samples)",
          leaves.entrySet().stream().limit(5)
              .map(e -> e.getKey() + " " + e.getValue().replaceAll("^\\d+ \\(|\\)$", ""))
              .collect(java.util.stream.Collectors.joining(", ")));
    }
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

  private static Map<String, Object> details(PipelineDrain run, double ratio,
      Map<String, Object> profile) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("outputs", run.outputs());
    d.put("visibleMs", run.visibleMillis());
    d.put("recordsPerSecondFromStart", run.fromStartRate());
    d.put("steadyRateByAppendTime", run.middleRate());
    d.put("steadyVisibleRate", run.steadyVisibleRate());
    d.put("ratioToPassthrough", ratio);
    d.put("streamThreadCpuMicrosPerEvent", run.streamThreadMicrosPerEvent());
    d.put("processCpuMicrosPerEvent", run.processMicrosPerEvent());
    d.put("requests", run.simulator().requestsReceived());
    d.put("gcMs", run.gcMillis());
    d.put("jitMs", run.jitMillis());
    d.put("identifiersPerRequest", run.identifiersPerRequest());
    d.put("batchesByReason", run.metrics().batchesByReason());
    d.put("clientFigures", run.clientFigures());
    d.put("profile", profile);
    return d;
  }
}
