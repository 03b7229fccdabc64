package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.ConfluentAvroSerializer;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TcpProxy;
import io.personenricher.testutil.TestDirs;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.personenricher.topology.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schema registry outage on a real broker and registry, staged with a TCP proxy in front of the
 * registry: the processor holds the events that need the registry, dead-letters nothing, reports
 * the outage on /ready, never loses a stream thread, and catches up by itself once the registry is
 * back.
 */
@WithKafkaInfra
class RegistryOutageIT {

  private static final Duration DEADLINE = Duration.ofMinutes(2);
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  private final Broker broker;
  private final SchemaRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private CrustdataSimulator simulator;
  private TcpProxy proxy;
  private TopicNames topics;

  RegistryOutageIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void start() throws Exception {
    simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withRateLimit(1_000, Duration.ofSeconds(10))
                .withLatency(LatencyModel.fixed(Duration.ofMillis(5))));
    simulator.start();
    URI target = URI.create(registry.url());
    proxy = new TcpProxy(target.getHost(), target.getPort());
    topics = Topics.createEnricherTopics(broker, 2, "outage-in");
  }

  @AfterEach
  void stop() {
    proxy.close();
    simulator.close();
  }

  private EnricherConfig config() {
    URI real = URI.create(registry.url());
    String throughProxy = real.getScheme() + "://127.0.0.1:" + proxy.port() + real.getRawPath();
    Map<String, String> settings = new HashMap<>();
    settings.put(EnricherConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    settings.put(EnricherConfig.SCHEMA_REGISTRY_URL, throughProxy);
    settings.put(EnricherConfig.API_BASE_URL, simulator.baseUrl());
    settings.put(EnricherConfig.API_KEY, SimulatorSettings.DEFAULT_API_KEY);
    settings.put(EnricherConfig.API_RATE_LIMIT_REQUESTS, "1000");
    settings.put(EnricherConfig.API_RATE_LIMIT_WINDOW_MS, "10000");
    settings.put(EnricherConfig.APPLICATION_ID, Topics.unique("outage"));
    settings.put(EnricherConfig.STATE_DIR, TestDirs.newTempDir("outage-state").toString());
    settings.put(EnricherConfig.HTTP_PORT, "0");
    settings.put(EnricherConfig.RETRY_INITIAL_BACKOFF_MS, "200");
    settings.put(EnricherConfig.RETRY_MAX_BACKOFF_MS, "2000");
    settings.put(EnricherConfig.TOPIC_INPUT, topics.input());
    settings.put(EnricherConfig.TOPIC_ENRICHED, topics.enriched());
    settings.put(EnricherConfig.TOPIC_UNMATCHED, topics.unmatched());
    settings.put(EnricherConfig.TOPIC_DEAD_LETTER, topics.deadLetter());
    settings.put("enricher.serde.schema.registry.request.timeout.ms", "2000");
    return new ConfigLoader(Map.of()).load(null, settings);
  }

  private Workload produce(int events, long seed) {
    Workload workload = Workload.mixed(simulator.people(), events, 3, 0, seed, "rec-" + seed + "-");
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        workload.records(topics.input()));
    return workload;
  }

  private int ready(EnricherApp app) throws Exception {
    return get(app, "/ready").statusCode();
  }

  private HttpResponse<String> get(EnricherApp app, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits out the outage while checking, all along, that nothing came out and nothing died. */
  private void holdThrough(EnricherApp app, OutputLedger ledger, int outputsBefore)
      throws Exception {
    long end = System.nanoTime() + OUTAGE.toNanos();
    Awaitility.await("the outage is waited out")
        .atMost(OUTAGE.plusSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
              assertThat(get(app, "/health").statusCode()).isEqualTo(200);
              assertThat(ledger.readToEnd().records()).isEqualTo(outputsBefore);
              return System.nanoTime() > end;
            });
  }

  @Test
  void startedWhileTheRegistryIsDownItHoldsEveryEventAndCatchesUpWhenItReturns() throws Exception {
    try (EnricherApp app = EnricherApp.start(config(), EnricherApp.Options.defaults());
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      Workload workload = produce(100, 21);

      Awaitility.await("/ready names the registry").atMost(DEADLINE).until(() -> ready(app) == 503);
      assertThat(get(app, "/ready").body()).contains("registry_unavailable");
      holdThrough(app, ledger, 0);

      proxy.up();

      ledger.awaitKeys(workload.size(), DEADLINE).readToEnd();
      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.deadLetter()))
          .as("only the invalid events, none for the outage")
          .containsExactlyInAnyOrderElementsOf(workload.invalidKeys());
      assertThat(ledger.records()).isEqualTo(workload.size());
      Awaitility.await("/ready back to 200").atMost(DEADLINE).until(() -> ready(app) == 200);
    }
  }

  @Test
  void midRunOnlyEventsThatNeedTheRegistryWaitAndTheRestFlowOn() throws Exception {
    proxy.up();
    try (EnricherApp app = EnricherApp.start(config(), EnricherApp.Options.defaults());
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      Workload warmUp = produce(50, 22);
      ledger.awaitKeys(warmUp.size(), DEADLINE);

      proxy.down();
      // Written with a newer compatible schema: its id is new to the processor, so decoding it
      // needs the registry. Events of the schema it already knows need nothing from it.
      List<String> evolvedKeys = produceWithANewerSchema(20);
      Workload known = produce(30, 23);
      Awaitility.await("events of the known schema flow on")
          .atMost(DEADLINE)
          .until(() -> ledger.readToEnd().records() >= warmUp.size() + known.size());
      assertThat(ledger.byKey().keySet()).doesNotContainAnyElementsOf(evolvedKeys);
      Awaitility.await("/ready names the registry").atMost(DEADLINE).until(() -> ready(app) == 503);
      holdThrough(app, ledger, ledger.records());

      proxy.up();

      Awaitility.await("the held events have their outputs")
          .atMost(DEADLINE)
          .until(() -> ledger.readToEnd().byKey().keySet().containsAll(evolvedKeys));
      assertThat(ledger.records()).isEqualTo(warmUp.size() + known.size() + evolvedKeys.size());
      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.deadLetter()))
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.Stream.concat(
                      warmUp.invalidKeys().stream(), known.invalidKeys().stream())
                  .toList());
    }
  }

  private List<String> produceWithANewerSchema(int events) {
    Schema current = IdentifierEvent.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : current.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(
        new Schema.Field(
            "crm_source",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "Where the CRM found the identifier (added in a later version of the contract).",
            org.apache.avro.JsonProperties.NULL_VALUE));
    Schema newer =
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(registry.serdeConfig(), false);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    var people = simulator.people();
    for (int i = 0; i < events; i++) {
      GenericRecord event = new GenericData.Record(newer);
      event.put(
          "identifier_type",
          new GenericData.EnumSymbol(
              newer.getField("identifier_type").schema(), "PROFESSIONAL_NETWORK_PROFILE_URL"));
      event.put("identifier", people.person(i).profileUrl());
      event.put("metadata", Map.of());
      event.put("crm_source", "import");
      String key = "newer-" + i;
      keys.add(key);
      records.add(
          new ProducerRecord<>(topics.input(), key, serializer.serialize(topics.input(), event)));
    }
    TestProducers.send(
        broker,
        new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer(),
        records);
    return keys;
  }
}
