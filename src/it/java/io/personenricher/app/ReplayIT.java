package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherSettings;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestConsumers;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.personenricher.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code enricher replay} against a real broker and registry: a 5xx storm exhausts the retries and
 * dead-letters a workload; once the API is healthy again, a dry run changes nothing, a replay turns
 * each dead letter into exactly one enriched or unmatched output, and a second replay is a no-op.
 */
@WithKafkaInfra
class ReplayIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final Broker broker;
  private final SchemaRegistry registry;

  ReplayIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @Test
  void deadLettersOfA5xxStormAreReplayedOnceEachAfterTheApiRecovers() throws Exception {
    TopicNames topics = Topics.uniqueEnricherTopics("replay-in");
    try (CrustdataSimulator simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withRateLimit(1_000, Duration.ofSeconds(10))
                .withLatency(LatencyModel.fixed(Duration.ofMillis(5)))
                .withFaults(FaultSettings.none().withServerErrors(1.0, 0, 0)))) {
      simulator.start();
      Map<String, String> settings = settings(topics, simulator);
      Workload workload = Workload.mixed(simulator.people(), 40, 10, 0, 21);
      Set<String> valid = new HashSet<>(workload.keys());
      valid.removeAll(workload.invalidKeys());
      try (EnricherApp app =
              EnricherApp.start(
                  new ConfigLoader(Map.of()).load(null, settings),
                  EnricherApp.Options.defaults().withTopicCreation(2));
          OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
        TestProducers.send(
            broker,
            new StringSerializer(),
            AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
            workload.records(topics.input()));
        ledger.awaitKeys(workload.size(), DEADLINE);
        assertThat(ledger.keysOn(topics.deadLetter())).hasSize(workload.size());
        simulator.setFaults(FaultSettings.none());
        long inputBefore = endOffsets(topics.input());

        CliRun dryRun = cli(settings, "--dry-run", "--reason", "retries_exhausted");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
            .contains("Dry run: " + valid.size() + " of " + workload.size())
            .containsPattern("RETRIES_EXHAUSTED +" + valid.size())
            .contains(workload.invalidKeys().size() + " not selected by the filters")
            .contains("Nothing was written");
        assertThat(endOffsets(topics.input())).isEqualTo(inputBefore);

        CliRun replay = cli(settings, "--reason", "RETRIES_EXHAUSTED");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("Replayed " + valid.size() + " of " + workload.size());
        assertThat(replay.err()).contains("replayed");
        Awaitility.await("each replayed event has its output")
            .atMost(DEADLINE)
            .until(() -> ledger.readToEnd().records() >= workload.size() + valid.size());
        for (String key : valid) {
          List<String> outputTopics =
              ledger.byKey().get(key).stream().map(OutputLedger.Output::topic).toList();
          assertThat(outputTopics)
              .as(key)
              .containsOnlyOnce(topics.deadLetter())
              .hasSize(2)
              .containsAnyOf(topics.enriched(), topics.unmatched());
        }
        assertReplayHeaders(topics, inputBefore, valid);

        long inputAfterReplay = endOffsets(topics.input());
        CliRun again = cli(settings, "--reason", "RETRIES_EXHAUSTED");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Nothing to replay");
        assertThat(endOffsets(topics.input())).isEqualTo(inputAfterReplay);
      }
    }
  }

  private void assertReplayHeaders(TopicNames topics, long inputBefore, Set<String> valid) {
    List<ConsumerRecord<String, byte[]>> all =
        TestConsumers.readN(
            broker,
            new StringDeserializer(),
            new ByteArrayDeserializer(),
            (int) inputBefore + valid.size(),
            DEADLINE,
            topics.input());
    List<ConsumerRecord<String, byte[]>> replayed = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : all) {
      if (r.headers().lastHeader(ReplayHeaders.COUNT) != null) {
        replayed.add(r);
      }
    }
    assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(valid);
    for (ConsumerRecord<String, byte[]> r : replayed) {
      assertThat(header(r, ReplayHeaders.COUNT)).isEqualTo("1");
      assertThat(header(r, ReplayHeaders.TOPIC)).isEqualTo(topics.deadLetter());
      assertThat(Long.parseLong(header(r, ReplayHeaders.OFFSET))).isNotNegative();
    }
    // The replayed value is the original event, decodable as such.
    IdentifierEvent event =
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig())
            .deserializer()
            .deserialize(topics.input(), replayed.get(0).value());
    assertThat(event.getIdentifier()).isNotBlank();
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private Map<String, String> settings(TopicNames topics, CrustdataSimulator simulator) {
    Map<String, String> settings =
        EnricherSettings.forTest(
            broker,
            registry,
            topics,
            simulator.baseUrl(),
            SimulatorSettings.DEFAULT_API_KEY,
            "replay-app");
    // Two quick calls, then a dead letter: the 5xx storm exhausts the retries within milliseconds.
    settings.put(EnricherConfig.RETRY_MAX_ATTEMPTS, "2");
    settings.put(EnricherConfig.RETRY_INITIAL_BACKOFF_MS, "10");
    settings.put(EnricherConfig.RETRY_MAX_BACKOFF_MS, "20");
    settings.put(EnricherConfig.BATCH_LINGER_MS, "50");
    return settings;
  }

  /** {@code enricher replay} with the test's settings as {@code --set} overrides. */
  private static CliRun cli(Map<String, String> settings, String... options) {
    List<String> args = new ArrayList<>(List.of("replay"));
    args.addAll(List.of(options));
    settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return CliRun.of(args.toArray(String[]::new));
  }

  private long endOffsets(String topic) throws Exception {
    try (Admin admin = Admin.create(broker.clientConfig())) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(r -> r.offset())
          .sum();
    }
  }
}
