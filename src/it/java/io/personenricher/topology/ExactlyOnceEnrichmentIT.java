package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.ClientSettings;
import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherInstance;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's central promise on a real broker, a real schema registry and the API simulator over
 * HTTP: every input event ends as exactly one output record across the enriched, unmatched and
 * dead-letter topics, in the happy path, after a crash mid-flight, and with two instances sharing
 * (and re-balancing) the input.
 */
@WithKafkaInfra
class ExactlyOnceEnrichmentIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final BatchSettings SETTINGS =
      BatchSettings.defaults().withAnswerCacheTtl(Duration.ofHours(1));

  private final Broker broker;
  private final SchemaRegistry registry;
  private Vertx vertx;
  private CrustdataSimulator simulator;
  private TopicNames topics;

  ExactlyOnceEnrichmentIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void startSimulatorAndTopics() {
    vertx = Vertx.vertx();
    simulator =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withRateLimit(1_000_000, Duration.ofSeconds(60))
                .withLatency(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(40))));
    simulator.start();
    topics = Topics.createEnricherTopics(broker, 4, "identifiers");
  }

  @AfterEach
  void stop() {
    simulator.close();
    vertx.close().await();
  }

  private EnrichClient client() {
    ClientSettings settings =
        ClientSettings.defaults(URI.create(simulator.baseUrl()), SimulatorSettings.DEFAULT_API_KEY);
    return new VertxEnrichClient(vertx, settings, EnricherMetrics.NOOP);
  }

  private Workload produce(int events, long seed) {
    Workload workload = Workload.mixed(simulator.people(), events, 3, 10, seed);
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        workload.records(topics.input()));
    return workload;
  }

  private void assertExactlyOnce(OutputLedger ledger, Workload workload) {
    assertThat(ledger.duplicates()).as("keys with more than one output").isEmpty();
    assertThat(ledger.byKey().keySet()).as("keys with an output").isEqualTo(workload.keys());
    assertThat(ledger.records()).isEqualTo(workload.size());
    assertThat(ledger.keysOn(topics.deadLetter()))
        .containsExactlyInAnyOrderElementsOf(workload.invalidKeys());
    SimulatorStats stats = simulator.stats();
    assertThat(stats.largestBatch()).isLessThanOrEqualTo(25);
    assertThat(stats.mixedTypeSeen()).isFalse();
    assertThat(stats.count(400)).as("no invalid identifier reached the API").isZero();
  }

  @Test
  void tenThousandMixedEventsEachEndUpExactlyOnceAcrossTheThreeTopics() {
    Workload workload = produce(10_000, 1);
    try (EnrichClient client = client();
        EnricherInstance instance =
            new EnricherInstance(
                    broker, registry, Topics.unique("app"), topics, SETTINGS, client, 2)
                .start();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      ledger.awaitKeys(workload.size(), DEADLINE);
      instance.close();
      ledger.readToEnd();

      assertExactlyOnce(ledger, workload);
      SimulatorStats stats = simulator.stats();
      double fill = (double) stats.identifiersReceived() / stats.requestsReceived();
      assertThat(fill).as("identifiers per request with a backlog").isGreaterThan(20.0);
      assertThat(ledger.keysOn(topics.enriched())).hasSizeGreaterThan(workload.size() / 2);
      assertThat(ledger.keysOn(topics.unmatched())).isNotEmpty();
    }
  }

  @Test
  void aCrashMidFlightLosesNothingAndDuplicatesNothingWhenAnotherInstanceTakesOver() {
    Workload workload = produce(4_000, 2);
    String app = Topics.unique("app");
    simulator.setLatency(LatencyModel.fixed(Duration.ofMillis(150)));
    try (EnrichClient client = client();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      CrashingClient crashing = new CrashingClient(client, 60);
      EnricherInstance first =
          new EnricherInstance(broker, registry, app, topics, SETTINGS, crashing, 1).start();
      Throwable crash = first.awaitCrash(DEADLINE);
      assertThat(crash).hasStackTraceContaining("injected crash");
      assertThat(crashing.inFlightAtCrash())
          .as("requests on the wire at the moment of the crash")
          .isPositive();
      first.close();
      // The first instance is gone, so what is committed now is exactly what existed at the crash
      // (its open transaction is never committed).
      int outputsAtCrash = ledger.readToEnd().byKey().size();
      assertThat(outputsAtCrash)
          .as("keys whose output the first instance committed before the crash")
          .isPositive()
          .isLessThan(workload.size());

      simulator.setLatency(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(40)));
      try (EnricherInstance second =
          new EnricherInstance(broker, registry, app, topics, SETTINGS, client, 1).start()) {
        ledger.awaitKeys(workload.size(), DEADLINE);
        second.close();
      }
      ledger.readToEnd();

      assertExactlyOnce(ledger, workload);
    }
  }

  @Test
  void eachKeysOutputsStayInInputOrderAcrossACrashAndATakeover() {
    // 200 keys, 15 events each, every event its own known person: per key, the enriched outputs
    // must come in input order. A crash leaves heads of keys pending; the second instance has to
    // rebuild them from the pending store, or the key's later events overtake the pending one.
    int events = 3_000;
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < events; i++) {
      String email = simulator.people().emailOf(i);
      position.put(email, i);
      records.add(new ProducerRecord<>(topics.input(), "key-" + (i % 200), Events.email(email)));
    }
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        records);
    String app = Topics.unique("app");
    simulator.setLatency(LatencyModel.fixed(Duration.ofMillis(150)));
    try (EnrichClient client = client();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      EnricherInstance first =
          new EnricherInstance(
                  broker, registry, app, topics, SETTINGS, new CrashingClient(client, 30), 1)
              .start();
      assertThat(first.awaitCrash(DEADLINE)).hasStackTraceContaining("injected crash");
      first.close();
      assertThat(ledger.readToEnd().records())
          .as("outputs committed before the crash")
          .isPositive()
          .isLessThan(events);

      simulator.setLatency(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(40)));
      try (EnricherInstance second =
          new EnricherInstance(broker, registry, app, topics, SETTINGS, client, 1).start()) {
        ledger.awaitRecords(events, DEADLINE);
        second.close();
      }
      ledger.readToEnd();

      assertThat(ledger.records()).isEqualTo(events);
      assertThat(ledger.keysOn(topics.enriched())).hasSize(200);
      ledger
          .byKey()
          .forEach(
              (key, outputs) ->
                  assertThat(
                          outputs.stream()
                              .map(o -> ((EnrichedPerson) o.value()).getInput().getIdentifier())
                              .map(position::get)
                              .toList())
                      .as("input positions of %s's outputs", key)
                      .hasSize(15)
                      .isSorted()
                      .doesNotHaveDuplicates());
    }
  }

  @Test
  void twoInstancesSplitThePartitionsAndTogetherProduceExactlyOnceAcrossARebalance() {
    String app = Topics.unique("app");
    try (EnrichClient clientA = client();
        EnrichClient clientB = client();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      EnricherInstance a =
          new EnricherInstance(broker, registry, app, topics, SETTINGS, clientA, 1).start();
      a.awaitRunning();
      Workload workload = produce(6_000, 3);
      ledger.awaitKeys(500, DEADLINE);

      try (EnricherInstance b =
          new EnricherInstance(broker, registry, app, topics, SETTINGS, clientB, 1).start()) {
        b.awaitRunning();
        org.awaitility.Awaitility.await("both instances own partitions")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    a.activeTasks() > 0
                        && b.activeTasks() > 0
                        && a.activeTasks() + b.activeTasks() == 4);
        ledger.awaitKeys(workload.size(), DEADLINE);
        b.close();
      }
      a.close();
      ledger.readToEnd();

      assertExactlyOnce(ledger, workload);
    }
  }

  @Test
  void aFatalApiAnswerHaltsWithoutDeadLetteringAndTheBacklogCompletesOnceTheKeyIsFixed() {
    simulator.setApiKeys(java.util.Set.of("another-key"), java.util.Set.of());
    Workload workload = produce(500, 4);
    ClientSettings settings =
        ClientSettings.defaults(URI.create(simulator.baseUrl()), SimulatorSettings.DEFAULT_API_KEY);
    ClientSettings fastProbe =
        new ClientSettings(
            settings.baseUrl(),
            settings.apiKey(),
            settings.connectTimeout(),
            settings.requestTimeout(),
            settings.poolSize(),
            settings.maxInFlight(),
            settings.maxQueued(),
            Duration.ofMillis(500));
    try (EnrichClient client = new VertxEnrichClient(vertx, fastProbe, EnricherMetrics.NOOP);
        EnricherInstance instance =
            new EnricherInstance(
                    broker, registry, Topics.unique("app"), topics, SETTINGS, client, 1)
                .start();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      org.awaitility.Awaitility.await("client halted")
          .atMost(DEADLINE)
          .until(() -> client.haltReason().equals(Optional.of(HaltReason.INVALID_API_KEY)));
      ledger.awaitKeys(workload.invalidKeys().size(), DEADLINE);
      assertThat(ledger.keysOn(topics.deadLetter()))
          .containsExactlyInAnyOrderElementsOf(workload.invalidKeys());

      simulator.setApiKeys(java.util.Set.of(SimulatorSettings.DEFAULT_API_KEY), java.util.Set.of());
      ledger.awaitKeys(workload.size(), DEADLINE);
      instance.close();
      ledger.readToEnd();

      assertThat(client.haltReason()).isEmpty();
      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.byKey().keySet()).isEqualTo(workload.keys());
      assertThat(ledger.keysOn(topics.deadLetter()))
          .containsExactlyInAnyOrderElementsOf(workload.invalidKeys());
    }
  }

  /**
   * Kills the stream thread from inside a dispatch, the way a process dies: nothing is closed
   * cleanly.
   */
  private static final class CrashingClient implements EnrichClient {
    private final EnrichClient delegate;
    private final int crashOnCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlightAtCrash = new AtomicInteger(-1);

    CrashingClient(EnrichClient delegate, int crashOnCall) {
      this.delegate = delegate;
      this.crashOnCall = crashOnCall;
    }

    @Override
    public CompletionStage<EnrichOutcome> enrich(
        EnrichRequest request, io.personenricher.quota.Permit permit) {
      if (calls.incrementAndGet() >= crashOnCall) {
        // Read at the moment of the crash: afterwards the I/O threads keep finishing what was on
        // the wire.
        inFlightAtCrash.compareAndSet(-1, ((VertxEnrichClient) delegate).inFlightRequests());
        throw new IllegalStateException("injected crash on call " + calls.get());
      }
      return delegate.enrich(request, permit);
    }

    int inFlightAtCrash() {
      return inFlightAtCrash.get();
    }

    @Override
    public Duration delayUntilNextPermit() {
      return delegate.delayUntilNextPermit();
    }

    @Override
    public Optional<HaltReason> haltReason() {
      return delegate.haltReason();
    }

    @Override
    public void close() {}
  }
}
