package io.personenricher.bench;

import io.personenricher.batching.BatchSettings;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;

/**
 * Scenarios 8–10 (issue 10): how much of one API key's quota the product turns into work, each run side by side
 * with the behaviour it replaces, on instances of the product as shipped ({@link AppFleet}).
 *
 * <ul>
 *   <li>8, shared key: three instances, one key, 80 % of the events on one of four partitions. Baseline: the
 *       hand split the README used to prescribe (each instance capped at ⌊15 ÷ 3⌋ = 5, no coordination), and each
 *       instance left at the whole 15 (no coordination).
 *   <li>9, bursty arrival: one instance, events of four request groups written within about a second and a half.
 *       Baseline: a partial batch goes as soon as it has lingered (`max.wait` = `linger`), as every partial did.
 *   <li>10, the real window: scenario 1's quota (60 requests per window) at the API's real 60-s window, defaults.
 * </ul>
 */
final class QuotaScenarios {

  private static final int KEY_LIMIT = 15;
  private static final Duration SCALED_WINDOW = Duration.ofSeconds(6);
  private static final int BATCH = 25;

  private QuotaScenarios() {}

  // ---------------------------------------------------------------- scenario 8

  static void sharedKey(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "8 shared key";
    int events = plan.name().equals("smoke") ? 1_000 : 2_000;
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, String> common = Map.of(EnricherConfig.API_RATE_LIMIT_WINDOW_MS,
        Long.toString(SCALED_WINDOW.toMillis()));
    Map<String, String> handSplitLimit = with(common, Map.of(EnricherConfig.API_RATE_LIMIT_REQUESTS,
        Integer.toString(KEY_LIMIT / 3)));
    Map<String, String> wholeLimit = with(common, Map.of(EnricherConfig.API_RATE_LIMIT_REQUESTS,
        Integer.toString(KEY_LIMIT)));
    FleetRun handSplit = sharedKeyRun(infra, "quota-split", events, baseline(infra, handSplitLimit, results, s));
    FleetRun whole = sharedKeyRun(infra, "quota-whole", events, baseline(infra, wholeLimit, results, s));
    FleetRun shared = sharedKeyRun(infra, "quota-shared", events, FleetMaker.product(infra, common));
    results.row(s, "events drained exactly once (shared ledger)", shared.outputs + " / " + events,
        "all, 0 duplicates", shared.complete(events));
    results.row(s, "key's permits used while work pends (shared ledger)", Results.f(shared.permitsUsed, 3),
        ">= 0.95", shared.permitsUsed >= 0.95);
    results.info(s, "baseline: hand split 5 + 5 + 5" + baselineName(), Results.f(handSplit.permitsUsed, 3));
    results.info(s, "baseline: each at 15, uncoordinated" + baselineName(), Results.f(whole.permitsUsed, 3) + " with "
        + whole.stats.rateLimited429() + " x 429");
    results.row(s, "429s (shared ledger)", Long.toString(shared.stats.rateLimited429()), "0",
        shared.stats.rateLimited429() == 0);
    double minimumSeconds = minimumSeconds(events, KEY_LIMIT, SCALED_WINDOW);
    results.info(s, "drain / shortest possible: shared, hand split, uncoordinated",
        Results.f(shared.drainMillis / 1000.0 / minimumSeconds, 2) + ", "
            + Results.f(handSplit.drainMillis / 1000.0 / minimumSeconds, 2) + ", "
            + Results.f(whole.drainMillis / 1000.0 / minimumSeconds, 2));
    details.put("events", events);
    details.put("keyLimit", KEY_LIMIT + " per " + SCALED_WINDOW.toMillis() + " ms (60 s scaled 10x)");
    details.put("hotPartitionShare", 0.8);
    details.put("shortestDrainMs", (long) (minimumSeconds * 1000));
    details.put("sharedLedger", shared.describe());
    details.put("handSplit", handSplit.describe());
    details.put("uncoordinatedWholeLimit", whole.describe());
    results.details(s, details);
  }

  private static FleetRun sharedKeyRun(BenchInfra infra, String prefix, int events, FleetMaker fleets) {
    SimulatorSettings simulatorSettings = SimulatorSettings.defaults()
        .withDataset(200_000, 42L)
        .withRateLimit(KEY_LIMIT, SCALED_WINDOW)
        .withLatency(LatencyModel.uniform(Duration.ofMillis(50), Duration.ofMillis(150)));
    TopicNames topics = BenchInfra.topics(prefix);
    infra.createTopics(topics, 4);
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, simulatorSettings);
        Fleet fleet = fleets.make(topics, startedUrl(simulator), prefix + "-app");
        OutputWatcher watcher = watcher(infra, topics)) {
      for (int i = 0; i < 3; i++) {
        fleet.startInstance();
      }
      fleet.awaitRunning(Duration.ofMinutes(2));
      SplittableRandom random = new SplittableRandom(8);
      List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        int partition = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(3);
        records.add(new ProducerRecord<>(topics.input(), partition, prefix + "-" + i,
            BenchInfra.distinctEvent(simulator.people(), i, 0)));
      }
      send(infra, records);
      return FleetRun.await(fleet, simulator, watcher, events, SCALED_WINDOW, KEY_LIMIT, Duration.ofMinutes(6));
    }
  }

  // ---------------------------------------------------------------- scenario 9

  /** The request groups of scenario 9: identifier type, threshold, fields, and their share of the events. */
  private record Group(IdentifierType type, Double minSimilarity, List<String> fields, double share) {}

  static void burstyArrival(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "9 bursty arrival";
    int events = 900;
    List<Group> groups = List.of(
        new Group(IdentifierType.BUSINESS_EMAIL, null, null, 0.40),
        new Group(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL, null, null, 0.30),
        new Group(IdentifierType.BUSINESS_EMAIL, 0.9, null, 0.15),
        new Group(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL, null,
            List.of(CrustdataSimulator.availableFields().get(0)), 0.15));
    Map<String, String> common = Map.of(EnricherConfig.API_RATE_LIMIT_WINDOW_MS,
        Long.toString(SCALED_WINDOW.toMillis()));
    String linger = Long.toString(BatchSettings.defaults().linger().toMillis());
    Map<String, String> eagerPartials = BaselineFleet.jar().isPresent()
        ? with(common, Map.of(EnricherConfig.API_RATE_LIMIT_REQUESTS, Integer.toString(KEY_LIMIT)))
        : with(common, Map.of(EnricherConfig.BATCH_MAX_WAIT_MS, linger));
    BurstyRun eagerRun =
        burstyRun(infra, "bursty-eager", events, groups, baseline(infra, eagerPartials, results, s));
    BurstyRun scheduledRun =
        burstyRun(infra, "bursty-scheduled", events, groups, FleetMaker.product(infra, common));
    FleetRun eager = eagerRun.run();
    FleetRun scheduled = scheduledRun.run();
    int minimum = 0;
    for (Group g : groups) {
      minimum += (int) Math.ceil(Math.round(events * g.share()) / (double) BATCH);
    }
    double ratio = scheduled.stats.requestsReceived() / (double) minimum;
    results.row(s, "events drained exactly once", scheduled.outputs + " / " + events, "all, 0 duplicates",
        scheduled.complete(events));
    results.row(s, "requests / minimum (sum over groups of ceil(distinct / 25))",
        scheduled.stats.requestsReceived() + " / " + minimum + " = " + Results.f(ratio, 3), "<= 1.05",
        ratio <= 1.05);
    results.info(s, "least the two tasks can send (each batches its own partition's share of every group)",
        scheduledRun.perTaskMinimum() + " (baseline's keys: " + eagerRun.perTaskMinimum() + ")");
    results.info(s, "baseline: " + (BaselineFleet.jar().isPresent() ? "the previous release"
            : "a partial goes once it lingered (max.wait = linger)"),
        eager.stats.requestsReceived() + " / " + minimum + " = "
            + Results.f(eager.stats.requestsReceived() / (double) minimum, 3));
    results.info(s, "drain time: scheduled, baseline", Results.f(scheduled.drainMillis / 1000.0, 1) + " s, "
        + Results.f(eager.drainMillis / 1000.0, 1) + " s");
    results.row(s, "429s", Long.toString(scheduled.stats.rateLimited429()), "0",
        scheduled.stats.rateLimited429() == 0);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("events", events);
    details.put("groups", groups.toString());
    details.put("keyLimit", KEY_LIMIT + " per " + SCALED_WINDOW.toMillis() + " ms");
    details.put("minimumRequests", minimum);
    details.put("perTaskMinimumRequests", scheduledRun.perTaskMinimum());
    details.put("baselinePerTaskMinimumRequests", eagerRun.perTaskMinimum());
    details.put("scheduled", scheduled.describe());
    details.put("baselineMaxWaitIsLinger", eager.describe());
    results.details(s, details);
  }

  /** Scenario 9's input partitions: two tasks, each batching its own share of every group. */
  private static final int BURSTY_PARTITIONS = 2;

  /** A bursty run, and the fewest requests its tasks could have sent for its keys. */
  private record BurstyRun(FleetRun run, int perTaskMinimum) {}

  private static BurstyRun burstyRun(BenchInfra infra, String prefix, int events, List<Group> groups,
      FleetMaker fleets) {
    SimulatorSettings simulatorSettings = SimulatorSettings.defaults()
        .withDataset(200_000, 42L)
        .withRateLimit(KEY_LIMIT, SCALED_WINDOW)
        .withLatency(LatencyModel.uniform(Duration.ofMillis(50), Duration.ofMillis(150)));
    TopicNames topics = BenchInfra.topics(prefix);
    infra.createTopics(topics, BURSTY_PARTITIONS);
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, simulatorSettings);
        Fleet fleet = fleets.make(topics, startedUrl(simulator), prefix + "-app");
        OutputWatcher watcher = watcher(infra, topics)) {
      fleet.startInstance();
      fleet.awaitRunning(Duration.ofMinutes(2));
      List<ProducerRecord<String, IdentifierEvent>> records = burst(simulator.people(), topics, prefix, events,
          groups);
      // The producer is still writing while the first batches linger: 60 events every 100 ms.
      try (KafkaProducer<String, IdentifierEvent> producer = infra.eventProducer()) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
          sent.add(producer.send(records.get(i)));
          if (i % 60 == 59) {
            producer.flush();
            EnricherRunner.sleep(100);
          }
        }
        producer.flush();
        BenchInfra.checkAll(sent);
      }
      return new BurstyRun(
          FleetRun.await(fleet, simulator, watcher, events, SCALED_WINDOW, KEY_LIMIT, Duration.ofMinutes(4)),
          perTaskMinimum(records, BURSTY_PARTITIONS));
    }
  }

  /**
   * Sum over (group, partition) of ceil(events / 25): a request carries one group of one task, and each task
   * holds one partition. The partition is the producer's default for a keyed record.
   */
  private static int perTaskMinimum(List<ProducerRecord<String, IdentifierEvent>> records, int partitions) {
    Map<String, Integer> counts = new HashMap<>();
    for (ProducerRecord<String, IdentifierEvent> record : records) {
      IdentifierEvent event = record.value();
      int partition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8))) % partitions;
      String groupAndTask = event.getIdentifierType() + "|" + event.getMinSimilarityScore() + "|"
          + event.getFields() + "|" + partition;
      counts.merge(groupAndTask, 1, Integer::sum);
    }
    return counts.values().stream().mapToInt(n -> (n + BATCH - 1) / BATCH).sum();
  }

  /** Events of the groups in their shares, interleaved the way a CRM export mixes them. */
  private static List<ProducerRecord<String, IdentifierEvent>> burst(SyntheticPeople people, TopicNames topics,
      String prefix, int events, List<Group> groups) {
    List<List<IdentifierEvent>> perGroup = new ArrayList<>();
    int person = 0;
    for (Group g : groups) {
      List<IdentifierEvent> list = new ArrayList<>();
      long count = Math.round(events * g.share());
      for (int i = 0; i < count; i++, person++) {
        boolean email = g.type() == IdentifierType.BUSINESS_EMAIL;
        list.add(IdentifierEvent.newBuilder()
            .setIdentifierType(g.type())
            .setIdentifier(email ? people.emailOf(person) : people.profileUrlOf(person))
            .setMinSimilarityScore(g.minSimilarity())
            .setFields(g.fields())
            .build());
      }
      perGroup.add(list);
    }
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(9);
    int[] next = new int[groups.size()];
    while (records.size() < events) {
      int g = random.nextInt(groups.size());
      if (next[g] < perGroup.get(g).size()) {
        records.add(new ProducerRecord<>(topics.input(), prefix + "-" + records.size(),
            perGroup.get(g).get(next[g]++)));
      } else if (java.util.stream.IntStream.range(0, groups.size())
          .allMatch(k -> next[k] >= perGroup.get(k).size())) {
        break;
      }
    }
    return records;
  }

  // ---------------------------------------------------------------- scenario 10

  static void realWindow(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "10 real 60-s window";
    boolean smoke = plan.name().equals("smoke");
    Duration window = smoke ? SCALED_WINDOW : Duration.ofSeconds(60);
    int limit = plan.quotaRequests();
    int windows = smoke ? 3 : 4;
    int events = limit * windows * BATCH;
    SimulatorSettings simulatorSettings = SimulatorSettings.defaults()
        .withDataset(200_000, 42L)
        .withRateLimit(limit, window)
        .withLatency(LatencyModel.fixed(plan.latency()));
    TopicNames topics = BenchInfra.topics("quota-real");
    infra.createTopics(topics, 2);
    FleetRun run;
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, simulatorSettings)) {
      String url = startedUrl(simulator);
      infra.produce(topics.input(), events, i -> BenchInfra.distinctEvent(simulator.people(), i, 0));
      Map<String, String> overrides = smoke
          ? Map.of(EnricherConfig.API_RATE_LIMIT_WINDOW_MS, Long.toString(window.toMillis()))
          : Map.of();
      try (AppFleet fleet = new AppFleet(infra, topics, url, SimulatorSettings.DEFAULT_API_KEY, "quota-real-app",
              overrides);
          OutputWatcher watcher = watcher(infra, topics)) {
        fleet.startInstance();
        run = FleetRun.await(fleet, simulator, watcher, events, window, limit, window.multipliedBy(windows * 3L));
      }
    }
    List<Long> arrivals = run.arrivals;
    long spanNanos = arrivals.size() < 2 ? 0 : arrivals.get(arrivals.size() - 1) - arrivals.get(0);
    double perWindow = spanNanos == 0 ? 0 : (arrivals.size() - 1) * (double) window.toNanos() / spanNanos;
    double achieved = perWindow / limit;
    results.row(s, "events drained exactly once", run.outputs + " / " + events, "all, 0 duplicates",
        run.complete(events));
    results.row(s, "requests per window achieved / allowed (first to last request)", Results.f(achieved, 3),
        ">= 0.98", achieved >= 0.98);
    results.row(s, "429s", Long.toString(run.stats.rateLimited429()), "0", run.stats.rateLimited429() == 0);
    results.info(s, "most requests in any window / allowed", run.stats.maxRequestsInAnyWindow() + " / " + limit);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("events", events);
    details.put("limit", limit + " per " + window.toMillis() + " ms");
    details.put("configuration", smoke ? "defaults, window scaled for the smoke run" : "defaults");
    details.put("run", run.describe());
    results.details(s, details);
  }

  // ---------------------------------------------------------------- common parts

  /**
   * The previous release when {@code bench/run} could build it; otherwise the product with each instance on its
   * own uncoordinated quota (the nearest the current code comes to it), with a note saying so.
   */
  private static FleetMaker baseline(BenchInfra infra, Map<String, String> overrides, Results results,
      String scenario) {
    Optional<Path> jar = BaselineFleet.jar();
    if (jar.isPresent()) {
      return (topics, url, appId) -> new BaselineFleet(jar.get(), infra, topics, url,
          SimulatorSettings.DEFAULT_API_KEY, appId, overrides);
    }
    results.note("Scenario " + scenario + ": the previous release was not built (no git history?), so its baseline"
        + " is the current code with an uncoordinated local quota per instance.");
    return FleetMaker.product(infra, with(overrides, Map.of(EnricherConfig.QUOTA_COORDINATION, "local")));
  }

  private static String baselineName() {
    return BaselineFleet.jar().isPresent() ? " (previous release)" : " (local quotas)";
  }

  private static String startedUrl(CrustdataSimulator simulator) {
    simulator.start();
    return simulator.baseUrl();
  }

  private static OutputWatcher watcher(BenchInfra infra, TopicNames topics) {
    return new OutputWatcher(infra.bootstrap(), List.of(topics.enriched(), topics.unmatched(),
        topics.deadLetter()));
  }

  private static void send(BenchInfra infra, List<ProducerRecord<String, IdentifierEvent>> records) {
    try (KafkaProducer<String, IdentifierEvent> producer = infra.eventProducer()) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ProducerRecord<String, IdentifierEvent> record : records) {
        sent.add(producer.send(record));
      }
      producer.flush();
      BenchInfra.checkAll(sent);
    }
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  private static double minimumSeconds(int events, int limit, Duration window) {
    return Math.ceil(events / (double) BATCH) / limit * window.toMillis() / 1000.0;
  }

  /** What one fleet run drained and what the API saw. */
  private record FleetRun(int outputs, long records, long drainMillis, double permitsUsed, SimulatorStats stats,
      List<Long> arrivals, Map<String, Double> permitOutcomes) {

    boolean complete(int events) {
      return outputs >= events && records == outputs;
    }

    /**
     * Waits for every event's output, then measures. Permits used: requests per window over the busy middle of
     * the run (one window after the first request to one window before the last), as a share of the limit, so
     * the start-up and the tail, where too little work is left to fill a window, do not count.
     */
    static FleetRun await(Fleet fleet, CrustdataSimulator simulator, OutputWatcher watcher, int events, Duration window,
        int limit, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (watcher.keys() < events && System.nanoTime() < deadline) {
        watcher.poll(Duration.ofMillis(200));
      }
      // Whatever else arrives (a duplicate would) within a moment.
      watcher.poll(Duration.ofMillis(500));
      List<Long> arrivals = simulator.arrivalNanos();
      double used = 0;
      if (arrivals.size() > 2) {
        long from = arrivals.get(0) + window.toNanos();
        long to = arrivals.get(arrivals.size() - 1) - window.toNanos();
        long inside = arrivals.stream().filter(t -> t >= from && t < to).count();
        double spanWindows = (double) (to - from) / window.toNanos();
        used = spanWindows > 0 ? inside / (spanWindows * limit) : 0;
      }
      long firstRequestMillis = arrivals.isEmpty() ? 0
          : System.currentTimeMillis() - (System.nanoTime() - arrivals.get(0)) / 1_000_000;
      long drain = watcher.keys() == 0 ? -1 : watcher.maxTimestamp() - firstRequestMillis;
      return new FleetRun(watcher.keys(), watcher.records(), drain, used, simulator.stats(), arrivals,
          fleet.permitOutcomes());
    }

    Map<String, Object> describe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("outputs", outputs);
      d.put("outputRecords", records);
      d.put("requests", stats.requestsReceived());
      d.put("identifiersPerRequest", stats.requestsReceived() == 0 ? 0
          : (double) stats.identifiersReceived() / stats.requestsReceived());
      d.put("permitsUsedWhileWorkPends", permitsUsed);
      d.put("rateLimited429", stats.rateLimited429());
      d.put("maxRequestsInAnyWindow", stats.maxRequestsInAnyWindow());
      d.put("drainFromFirstRequestMs", drainMillis);
      if (!permitOutcomes.isEmpty()) {
        d.put("permitsWonByOutcome", permitOutcomes);
      }
      return d;
    }
  }
}
