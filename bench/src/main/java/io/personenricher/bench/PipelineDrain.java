package io.personenricher.bench;

import io.personenricher.client.VertxEnrichClient;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The common shape of the throughput scenarios: a fresh simulator, a backlog of distinct-identifier events in a
 * fresh input topic, then the real enrichment topology started against it and timed until every event has its
 * output (or a timeout).
 *
 * @param events events in the backlog
 * @param outputs distinct keys with an output when the run ended
 * @param drainMillis from {@code KafkaStreams.start()} to the last output's record timestamp
 * @param steadyRate outputs per second between the first and the last output record timestamp
 * @param simulator what the API saw
 * @param metrics what the processor and client reported
 * @param visibleMillis from {@code KafkaStreams.start()} to the moment a read_committed consumer had seen every
 *     output (the same clock the passthrough baseline is timed with)
 * @param steadyVisibleRate outputs per second in the steady middle of the run, by the time a read_committed
 *     consumer saw them ({@link OutputWatcher#steadyVisibleRate()}), the clock the passthrough is measured with
 * @param streamThreadCpuNanos CPU time of the application's stream thread over the run
 * @param processCpuNanos CPU time of this whole JVM over the run: in the harness's JVM broker, simulator, client and
 *     harness included; in scenario 3's application JVM the application, its client and the output watcher
 * @param stateDir the application's state directory (kept after the run only if the spec says so)
 * @param clientFigures the application's consumer, producer and stream-thread metrics at the end
 * @param middleRate outputs per second in the middle 80 % of the run by output record timestamps
 *     ({@link OutputWatcher#steadyRateByTimestamps()})
 * @param gcMillis time the JVM's garbage collectors spent over the run ({@link ThreadCpu#gcMillisSince()})
 * @param jitMillis time the JIT compilers spent over the run
 * @param arrivalNanos when each enrich request reached the simulator ({@link System#nanoTime()}); empty where the
 *     simulator is in another JVM
 */
record PipelineDrain(
    int events,
    int outputs,
    long drainMillis,
    double steadyRate,
    SimulatorStats simulator,
    RecordingMetrics metrics,
    long visibleMillis,
    double steadyVisibleRate,
    long streamThreadCpuNanos,
    long processCpuNanos,
    String stateDir,
    Map<String, Double> clientFigures,
    double middleRate,
    long gcMillis,
    long jitMillis,
    List<Long> arrivalNanos) {

  /**
   * How to run one drain.
   *
   * @param preloaded the input topic exists and holds the events already
   * @param keyPrefix only outputs with this key prefix count (an application restarted on an input that holds an
   *     earlier run's events too)
   * @param stateDir the application's state directory, or null for a fresh one
   * @param keepState leave the state directory for a later run of the same application
   * @param applicationScope reuse answers across the application (the product's default: the answers topic
   *     {@code <application id>-answers}, created here, and claims) instead of per task
   */
  record Spec(String prefix, int partitions, int events, SimulatorSettings simulator, int inFlight,
      int clientRateLimit, Duration clientWindow, Duration timeout, boolean preloaded, Profiling profile,
      String keyPrefix, String stateDir, boolean keepState, boolean applicationScope) {

    Spec(String prefix, int partitions, int events, SimulatorSettings simulator, int inFlight, int clientRateLimit,
        Duration clientWindow, Duration timeout) {
      this(prefix, partitions, events, simulator, inFlight, clientRateLimit, clientWindow, timeout, false, null, "",
          null, false, false);
    }
  }

  /** From the first request's arrival to the last's; 0 where the simulator is not in this JVM. */
  long firstToLastRequestMillis() {
    return arrivalNanos.size() < 2 ? 0 : (arrivalNanos.get(arrivalNanos.size() - 1) - arrivalNanos.get(0)) / 1_000_000;
  }

  /** Stream-thread CPU microseconds per output. */
  double streamThreadMicrosPerEvent() {
    return outputs == 0 ? 0 : streamThreadCpuNanos / 1000.0 / outputs;
  }

  /** Outputs per second from {@code KafkaStreams.start()} until a read_committed consumer had seen the last. */
  double fromStartRate() {
    return outputs * 1000.0 / visibleMillis;
  }

  /** CPU microseconds of the whole JVM per output. */
  double processMicrosPerEvent() {
    return outputs == 0 ? 0 : processCpuNanos / 1000.0 / outputs;
  }

  boolean complete() {
    return outputs >= events;
  }

  double identifiersPerRequest() {
    return simulator.requestsReceived() == 0 ? 0 : (double) simulator.identifiersReceived() / simulator.requestsReceived();
  }

  static PipelineDrain run(BenchInfra infra, Spec spec) {
    TopicNames topics = BenchInfra.topics(spec.prefix());
    if (!spec.preloaded()) {
      infra.createTopics(topics, spec.partitions());
    }
    if (!spec.preloaded()) {
      SyntheticPeople people = new SyntheticPeople(spec.simulator().seed(), spec.simulator().datasetSize(),
          spec.simulator().notIndexedFraction());
      infra.produce(topics.input(), spec.events(), i -> BenchInfra.distinctEvent(people, i, 0));
    }
    try (SimulatedApi simulator = infra.harnessSimulatorUrl() == null
        ? SimulatedApi.inProcess(infra.simulatorVertx, spec.simulator())
        : SimulatedApi.remote(infra.harnessSimulatorUrl())) {
      RecordingMetrics metrics = new RecordingMetrics();
      EnricherRunner.QuotaClient client = EnricherRunner.client(infra.vertx, simulator.baseUrl(),
          SimulatorSettings.DEFAULT_API_KEY, spec.inFlight(), spec.clientRateLimit(), spec.clientWindow(), metrics);
      int pendingBound = Math.max(10_000, spec.events() + 1_000);
      String applicationId = spec.prefix() + "-app";
      ReuseSettings reuse = ReuseSettings.taskScope();
      if (spec.applicationScope()) {
        reuse = ReuseSettings.application(applicationId + "-answers");
        infra.ensureTopic(reuse.topic(), 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE));
      }
      try (OutputWatcher watcher = new OutputWatcher(infra.bootstrap(),
              List.of(topics.enriched(), topics.unmatched(), topics.deadLetter()), spec.keyPrefix());
          EnricherRunner runner = EnricherRunner.enricher(infra.bootstrap(), infra.serdeConfig(),
              applicationId, topics, EnricherRunner.batchSettings(spec.inFlight(), pendingBound), client,
              metrics, spec.stateDir(), reuse)) {
        if (spec.keepState()) {
          runner.keepStateOnClose();
        }
        ThreadCpu cpu = ThreadCpu.snapshot();
        long start = System.currentTimeMillis();
        runner.start();
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        boolean profiling = false;
        while (watcher.keys() < spec.events() && System.nanoTime() < deadline) {
          watcher.poll(Duration.ofMillis(200));
          runner.checkAlive();
          // From the first output on: before it, a restarted application waits out its old member's session
          // (10 s), and a profile of that wait (92 % of one recorded cache-hit profile) shows nothing.
          if (!profiling && spec.profile() != null && watcher.keys() > 0) {
            spec.profile().start();
            profiling = true;
          }
        }
        long streamCpu = cpu.since(ThreadCpu.streamThreadsOf(applicationId));
        long processCpu = cpu.processSince();
        if (profiling) {
          spec.profile().stop();
        }
        SimulatorStats stats = simulator.stats();
        List<Long> arrivals = List.copyOf(simulator.arrivalNanos());
        long drain = watcher.keys() == 0 ? -1 : watcher.maxTimestamp() - start;
        long outputSpan = watcher.maxTimestamp() - watcher.minTimestamp();
        double rate = watcher.keys() > 1 && outputSpan > 0 ? (watcher.keys() - 1) * 1000.0 / outputSpan : 0;
        long visible = watcher.keys() == 0 ? -1 : watcher.lastSeenMillis() - start;
        return new PipelineDrain(spec.events(), watcher.keys(), drain, rate, stats, metrics, visible,
            watcher.steadyVisibleRate(), streamCpu, processCpu, runner.stateDir(), runner.clientFigures(),
            watcher.steadyRateByTimestamps(), cpu.gcMillisSince(), cpu.jitMillisSince(), arrivals);
      } finally {
        client.client().close();
      }
    }
  }
}
