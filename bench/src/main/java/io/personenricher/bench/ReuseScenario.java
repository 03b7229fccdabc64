package io.personenricher.bench;

import io.personenricher.batching.StoreNames;
import io.personenricher.config.BatchingSection;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.reuse.AnswerBookUpdater;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.personenricher.topology.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Scenario 11 (issue 11): answer reuse across the application. Two instances of the product as shipped on four
 * partitions, a workload where 30 % of the events repeat an earlier identifier under another record key: API
 * identifiers sent ÷ distinct identifiers with {@code enricher.answer.reuse.scope=application} (goal 1.00) against
 * {@code task} (the per-task cache) and the previous release in the same run; then the cost of the answer book:
 * bytes per cached identifier on the answers topic and in the global store, and the restore time of N answers,
 * scaled to a million.
 */
final class ReuseScenario {

  private static final String S = "11 answer reuse";
  private static final double REPEATS = 0.30;

  private ReuseScenario() {}

  static void run(BenchInfra infra, BenchPlan plan, Results results) {
    boolean smoke = plan.name().equals("smoke");
    int events = smoke ? 1_000 : 3_000;
    Map<String, Object> details = new LinkedHashMap<>();
    Run application = run(infra, "reuse-app", events, FleetMaker.product(infra, Map.of()));
    Run task = run(infra, "reuse-task", events,
        FleetMaker.product(infra, Map.of(BatchingSection.ANSWER_REUSE_SCOPE, "task")));
    Optional<Run> previous = BaselineFleet.jar().map(jar -> run(infra, "reuse-prev", events,
        (topics, url, appId) -> new BaselineFleet(jar, infra, topics, url, SimulatorSettings.DEFAULT_API_KEY,
            appId, Map.of())));
    results.row(S, "events drained exactly once (scope application)", application.outputs + " / " + events,
        "all, 0 duplicates", application.outputs == events && application.records == events);
    results.row(S, "API identifiers sent / distinct (scope application)", Results.f(application.ratio(), 3),
        "1.00", application.ratio() <= 1.0005);
    results.info(S, "API identifiers sent / distinct (scope task)", Results.f(task.ratio(), 3));
    previous.ifPresent(p -> results.info(S, "API identifiers sent / distinct (previous release)",
        Results.f(p.ratio(), 3)));
    details.put("events", events);
    details.put("repeatShare", REPEATS);
    details.put("application", application.describe());
    details.put("task", task.describe());
    previous.ifPresent(p -> details.put("previousRelease", p.describe()));

    Map<String, Long> topicBytes = infra.topicBytes(ReuseSettings.topicOf("reuse-app"));
    long answersTopicBytes = topicBytes.values().stream().mapToLong(Long::longValue).sum();
    List<byte[][]> answers = answerRecords(infra, ReuseSettings.topicOf("reuse-app"));
    long answerRecords = answers.stream().filter(kv -> kv[1].length > 0 && kv[1][0] == 'A').count();
    results.info(S, "answers topic bytes per cached identifier (claims included, before compaction)",
        answerRecords == 0 ? "n/a" : Results.f(answersTopicBytes / (double) answerRecords, 0));
    details.put("answersTopicBytes", answersTopicBytes);
    details.put("answersTopicRecords", answers.size());
    details.put("answersInTopic", answerRecords);

    int restoreEntries = smoke ? 10_000 : 50_000;
    Restore restore = restore(infra, answers, restoreEntries);
    results.info(S, "global store disk bytes per cached identifier (" + restoreEntries + " restored, flushed)",
        Results.f(restore.diskBytes / (double) restoreEntries, 0));
    results.info(S, "restore time per million answers (measured on " + restoreEntries + ", scaled linearly)",
        Results.f(restore.millis / 1000.0 * 1_000_000 / restoreEntries, 1) + " s");
    details.put("restoreEntries", restoreEntries);
    details.put("restoreMillis", restore.millis);
    details.put("restoreTopicBytes", restore.topicBytes);
    details.put("globalStoreDiskBytes", restore.diskBytes);
    results.details(S, details);
  }

  private record Run(int outputs, long records, long distinct, SimulatorStats stats) {
    double ratio() {
      return distinct == 0 ? 0 : stats.identifiersReceived() / (double) distinct;
    }

    Map<String, Object> describe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("outputs", outputs);
      d.put("outputRecords", records);
      d.put("distinctIdentifiers", distinct);
      d.put("identifiersSent", stats.identifiersReceived());
      d.put("requests", stats.requestsReceived());
      d.put("sentPerDistinct", ratio());
      return d;
    }
  }

  private static Run run(BenchInfra infra, String appId, int events, FleetMaker fleets) {
    SimulatorSettings simulatorSettings = SimulatorSettings.defaults()
        .withDataset(200_000, 42L)
        .withRateLimit(1_000_000, Duration.ofSeconds(60))
        .withLatency(LatencyModel.uniform(Duration.ofMillis(50), Duration.ofMillis(150)));
    TopicNames topics = BenchInfra.topics(appId);
    infra.createTopics(topics, 4);
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx, simulatorSettings)) {
      simulator.start();
      try (Fleet fleet = fleets.make(topics, simulator.baseUrl(), appId);
          OutputWatcher watcher = new OutputWatcher(infra.bootstrap(),
              List.of(topics.enriched(), topics.unmatched(), topics.deadLetter()))) {
        fleet.startInstance();
        fleet.startInstance();
        fleet.awaitRunning(Duration.ofMinutes(2));
        SplittableRandom random = new SplittableRandom(11);
        List<IdentifierEvent> seen = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
        for (int i = 0; i < events; i++) {
          IdentifierEvent event = !seen.isEmpty() && random.nextDouble() < REPEATS
              ? seen.get(random.nextInt(seen.size()))
              : BenchInfra.distinctEvent(simulator.people(), i, 0);
          seen.add(event);
          distinct.add(event.getIdentifier().toString().toLowerCase(java.util.Locale.ROOT));
          // Keys spread by the default partitioner over the four partitions: a repeat lands anywhere.
          records.add(new ProducerRecord<>(topics.input(), appId + "-" + i, event));
        }
        send(infra, records);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (watcher.keys() < events && System.nanoTime() < deadline) {
          watcher.poll(Duration.ofMillis(200));
        }
        watcher.poll(Duration.ofMillis(500));
        return new Run(watcher.keys(), watcher.records(), distinct.size(), simulator.stats());
      }
    }
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

  /** Every record of an answers topic, key and value. */
  private static List<byte[][]> answerRecords(BenchInfra infra, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrap());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<byte[][]> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          all.add(new byte[][] {r.key(), r.value()});
        }
      }
    }
    return all;
  }

  private record Restore(long millis, long topicBytes, long diskBytes) {}

  /**
   * Writes {@code entries} answers (the run's real answers, under fresh keys) to a new answers topic, then times a
   * Kafka Streams instance holding only the answer book from {@code start()} to RUNNING: the global store is
   * restored before that.
   */
  private static Restore restore(BenchInfra infra, List<byte[][]> sample, int entries) {
    List<byte[]> values = sample.stream().map(kv -> kv[1]).filter(v -> v.length > 0 && v[0] == 'A').toList();
    if (values.isEmpty()) {
      return new Restore(-1, 0, 0);
    }
    String topic = ReuseSettings.topicOf("reuse-restore");
    infra.createTopic(topic, 1, Map.of("cleanup.policy", "compact,delete"));
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(infra.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < entries; i++) {
        byte[] value = values.get(i % values.size()).clone();
        ByteBuffer.wrap(value).putLong(1, now);
        byte[] key = ("restore-identifier-" + i + "@example.com").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sent.add(producer.send(new ProducerRecord<>(topic, null, now, key, value)));
      }
      producer.flush();
      BenchInfra.checkAll(sent);
    }
    long topicBytes = infra.topicBytes(topic).values().stream().mapToLong(Long::longValue).sum();
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("bench-restore");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Topology topology = new Topology();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ANSWER_BOOK), Serdes.Bytes(),
            Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled(),
        "answers-source", new BytesDeserializer(), new ByteArrayDeserializer(), topic, "answer-book-updater",
        () -> new AnswerBookUpdater(StoreNames.ANSWER_BOOK, Duration.ofHours(24).toMillis()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reuse-restore");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrap());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put("processing.exception.handler.global.enabled", true);
    long started = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
        EnricherRunner.sleep(10);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      // Closing flushes the store's memtable (Kafka Streams writes RocksDB without its log): only then is the
      // whole book on disk.
      streams.close(Duration.ofSeconds(10));
      return new Restore(millis, topicBytes, directoryBytes(stateDir));
    }
  }

  private static long directoryBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
