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
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.quota.Permit;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherInstance;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Application-wide answer reuse on a real broker: two instances share four input partitions, every
 * person comes under two to four record keys spread over the partitions, and no identifier is paid
 * for twice while every input still ends as exactly one output.
 */
@WithKafkaInfra
class AnswerReuseIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final BatchSettings SETTINGS =
      BatchSettings.defaults().withAnswerCacheTtl(Duration.ofHours(24));

  private final Broker broker;
  private final SchemaRegistry registry;
  private Vertx vertx;
  private CrustdataSimulator simulator;
  private TopicNames topics;

  AnswerReuseIT(Broker broker, SchemaRegistry registry) {
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
    topics = Topics.createEnricherTopics(broker, 4, "reuse");
  }

  @AfterEach
  void stop() {
    simulator.close();
    vertx.close().await();
  }

  @Test
  void twoInstancesOnFourPartitionsPayForEveryIdentifierOnceAndAnswerEveryInputOnce() {
    List<ProducerRecord<String, IdentifierEvent>> records = workload(400, 7);
    String app = Topics.unique("reuse-app");
    ReuseSettings reuse = ReuseSettings.application(ReuseSettings.topicOf(app));
    ClientSettings clientSettings =
        ClientSettings.defaults(URI.create(simulator.baseUrl()), SimulatorSettings.DEFAULT_API_KEY);
    try (EnrichClient http = new VertxEnrichClient(vertx, clientSettings, EnricherMetrics.NOOP);
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      CountingClient counting = new CountingClient(http);
      try (EnricherInstance one =
              new EnricherInstance(broker, registry, app, topics, SETTINGS, counting, 1, reuse);
          EnricherInstance two =
              new EnricherInstance(broker, registry, app, topics, SETTINGS, counting, 1, reuse)) {
        one.start();
        two.start();
        one.awaitRunning();
        two.awaitRunning();
        TestProducers.send(
            broker,
            new StringSerializer(),
            AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
            records);
        ledger.awaitKeys(records.size(), DEADLINE);
        assertThat(one.activeTasks() + two.activeTasks()).isEqualTo(4);
      }
      ledger.readToEnd();

      assertThat(ledger.duplicates()).as("keys with more than one output").isEmpty();
      assertThat(ledger.records()).isEqualTo(records.size());
      Set<String> distinct = new HashSet<>();
      records.forEach(
          r -> distinct.add(r.value().getIdentifier().toString().toLowerCase(Locale.ROOT)));
      assertThat(counting.paidMoreThanOnce()).as("identifiers sent more than once").isEmpty();
      assertThat(counting.sent())
          .as("every distinct identifier was sent")
          .isEqualTo(distinct.size());
    }
  }

  /**
   * {@code people} people, each under two to four record keys, in a shuffled order: the keys hash
   * to all four partitions, so most twins land on another task, some on another instance.
   */
  private List<ProducerRecord<String, IdentifierEvent>> workload(int people, long seed) {
    SyntheticPeople population = simulator.people();
    Random random = new Random(seed);
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    int key = 0;
    for (int person = 0; person < people; person++) {
      IdentifierEvent event =
          person % 2 == 0
              ? Events.email(population.emailOf(person))
              : Events.profileUrl(population.profileUrlOf(person));
      int copies = 2 + random.nextInt(3);
      for (int copy = 0; copy < copies; copy++) {
        records.add(new ProducerRecord<>(topics.input(), "crm-" + key++, event));
      }
    }
    Collections.shuffle(records, random);
    return records;
  }

  /** Counts how often each identifier reaches the API, over every instance of the test. */
  private static final class CountingClient implements EnrichClient {
    private final EnrichClient delegate;
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    CountingClient(EnrichClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
      for (String identifier : request.identifiers()) {
        sent.computeIfAbsent(identifier.toLowerCase(Locale.ROOT), i -> new AtomicInteger())
            .incrementAndGet();
      }
      return delegate.enrich(request, permit);
    }

    Map<String, Integer> paidMoreThanOnce() {
      Map<String, Integer> twice = new java.util.TreeMap<>();
      sent.forEach(
          (identifier, count) -> {
            if (count.get() > 1) {
              twice.put(identifier, count.get());
            }
          });
      return twice;
    }

    int sent() {
      return sent.size();
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
