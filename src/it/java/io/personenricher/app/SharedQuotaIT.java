package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherSettings;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestDirs;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances of one application sharing one API key, on a real broker (the quota ledger is a
 * real topic) against the simulator with the key's limit at 15 per window, the window scaled from
 * 60 s to 6 s. The configuration is the default but for the window: the instances learn the limit
 * from the API and share it through the ledger by themselves.
 */
@WithKafkaInfra
class SharedQuotaIT {

  private static final int LIMIT = 15;
  private static final Duration WINDOW = Duration.ofSeconds(6);
  private static final int PARTITIONS = 4;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private final Broker broker;
  private final SchemaRegistry registry;
  private CrustdataSimulator simulator;
  private TopicNames topics;
  private Map<String, String> settings;
  private final List<EnricherApp> apps = new ArrayList<>();

  SharedQuotaIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void start() {
    simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withRateLimit(LIMIT, WINDOW)
                .withLatency(LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(60))));
    simulator.start();
    topics = Topics.createEnricherTopics(broker, PARTITIONS, "shared-quota");
    settings =
        EnricherSettings.forTest(
            broker,
            registry,
            topics,
            simulator.baseUrl(),
            SimulatorSettings.DEFAULT_API_KEY,
            "shared");
    settings.remove(EnricherConfig.API_RATE_LIMIT_REQUESTS);
    settings.put(EnricherConfig.API_RATE_LIMIT_WINDOW_MS, Long.toString(WINDOW.toMillis()));
  }

  @AfterEach
  void stop() {
    apps.forEach(EnricherApp::close);
    simulator.close();
  }

  private EnricherApp startInstance() {
    Map<String, String> mine = new HashMap<>(settings);
    mine.put(EnricherConfig.STATE_DIR, TestDirs.newTempDir("shared-state").toString());
    EnricherConfig config = new ConfigLoader(Map.of()).load(null, mine);
    EnricherApp app = EnricherApp.start(config, EnricherApp.Options.defaults());
    apps.add(app);
    return app;
  }

  /** {@code events} distinct identifiers; {@code hotShare} of them on partition 0. */
  private List<String> produce(int events, double hotShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    var people = simulator.people();
    for (int i = 0; i < events; i++) {
      int partition = random.nextDouble() < hotShare ? 0 : 1 + random.nextInt(PARTITIONS - 1);
      IdentifierEvent event =
          i % 2 == 0 ? Events.email(people.emailOf(i)) : Events.profileUrl(people.profileUrlOf(i));
      String key = "k-" + seed + "-" + i;
      keys.add(key);
      records.add(new ProducerRecord<>(topics.input(), partition, key, event));
    }
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        records);
    return keys;
  }

  /**
   * Requests per window over the busy middle of the run (one window after the first request to one
   * window before the last), as a share of the limit.
   */
  private double permitsUsed() {
    List<Long> arrivals = simulator.arrivalNanos();
    long from = arrivals.get(0) + WINDOW.toNanos();
    long to = arrivals.get(arrivals.size() - 1) - WINDOW.toNanos();
    long inside = arrivals.stream().filter(t -> t >= from && t < to).count();
    double windows = (double) (to - from) / WINDOW.toNanos();
    return inside / (windows * LIMIT);
  }

  @Test
  void threeInstancesWithAHotPartitionUseTheWholeKeyTogetherWithoutA429() {
    startInstance();
    startInstance();
    startInstance();
    Awaitility.await("each instance owns a task")
        .atMost(DEADLINE)
        .until(
            () ->
                apps.stream()
                    .allMatch(
                        app -> app.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING));
    try (OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      List<String> keys = produce(2_000, 0.8, 1);

      ledger.awaitKeys(keys.size(), DEADLINE).readToEnd();

      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.byKey().keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(simulator.stats().rateLimited429()).isZero();
      assertThat(simulator.stats().maxRequestsInAnyWindow()).isLessThanOrEqualTo(LIMIT);
      assertThat(permitsUsed()).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void scalingFromOneToThreeToTwoInstancesMidRunKeepsEveryOutputExactlyOnceWithoutA429() {
    startInstance();
    try (OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      List<String> keys = produce(2_000, 0.8, 2);
      Awaitility.await("the first instance is under way")
          .atMost(DEADLINE)
          .until(() -> ledger.readToEnd().records() >= 300);

      startInstance();
      EnricherApp third = startInstance();
      Awaitility.await("three instances under way")
          .atMost(DEADLINE)
          .until(() -> ledger.readToEnd().records() >= 1_000);
      third.close();
      apps.remove(third);

      ledger.awaitKeys(keys.size(), DEADLINE).readToEnd();

      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.byKey().keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(simulator.stats().rateLimited429()).isZero();
      assertThat(simulator.stats().maxRequestsInAnyWindow()).isLessThanOrEqualTo(LIMIT);
    }
  }
}
