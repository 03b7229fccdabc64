package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestDirs;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.personenricher.topology.TopicNames;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real thing: {@code enricher run} from the shaded jar in its own JVM, killed with SIGKILL
 * while API calls are in flight, and a second process taking over the same application id. Every
 * key must still have exactly one output.
 */
@WithKafkaInfra
class ProcessKillIT {

  private static final Path JAR = Path.of("target", "person-enricher.jar");
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private final Broker broker;
  private final SchemaRegistry registry;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private Vertx vertx;
  private CrustdataSimulator simulator;
  private TopicNames topics;

  ProcessKillIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    simulator =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withRateLimit(1_000_000, Duration.ofSeconds(60))
                .withLatency(LatencyModel.fixed(Duration.ofMillis(200))));
    simulator.start();
    topics = Topics.createEnricherTopics(broker, 4, "kill");
  }

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    simulator.close();
    vertx.close().await();
  }

  private Process launch(String applicationId, String name) throws Exception {
    assertThat(JAR).as("the shaded jar (built by mvn package)").exists();
    Path log = TestDirs.newTempDir("process-" + name).resolve("enricher.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-jar",
            JAR.toString(),
            "run",
            "--set",
            "enricher.bootstrap.servers=" + broker.bootstrapServers(),
            "--set",
            "enricher.schema.registry.url=" + registry.url(),
            "--set",
            "enricher.api.base.url=" + simulator.baseUrl(),
            "--set",
            "enricher.api.key=" + SimulatorSettings.DEFAULT_API_KEY,
            "--set",
            "enricher.api.rate.limit.requests=100000",
            "--set",
            "enricher.application.id=" + applicationId,
            "--set",
            "enricher.state.dir=" + TestDirs.newTempDir("state-" + name),
            "--set",
            "enricher.http.port=0",
            // A SIGKILLed member holds its partitions until its session expires (45 s by default).
            "--set",
            "enricher.kafka.consumer.session.timeout.ms=6000",
            "--set",
            "enricher.kafka.consumer.heartbeat.interval.ms=1000",
            "--set",
            "enricher.topic.input=" + topics.input(),
            "--set",
            "enricher.topic.enriched=" + topics.enriched(),
            "--set",
            "enricher.topic.unmatched=" + topics.unmatched(),
            "--set",
            "enricher.topic.dead.letter=" + topics.deadLetter());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The loader rejects unknown ENRICHER_* variables; none of the test JVM's may leak into the
    // child.
    builder.environment().keySet().removeIf(variable -> variable.startsWith("ENRICHER_"));
    Process process = builder.start();
    processes.add(process);
    logs.add(log);
    return process;
  }

  private void awaitKeys(OutputLedger ledger, int keys) throws Exception {
    try {
      ledger.awaitKeys(keys, DEADLINE);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder text = new StringBuilder(e.getMessage());
      for (Path log : logs) {
        List<String> lines = Files.readAllLines(log);
        text.append("\n--- ")
            .append(log)
            .append(" (tail) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
      throw new AssertionError(text.toString(), e);
    }
  }

  @Test
  void aSigkilledProcessLosesNothingAndDuplicatesNothingOnceAnotherProcessTakesOver()
      throws Exception {
    Workload workload = Workload.mixed(simulator.people(), 3_000, 3, 10, 7);
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        workload.records(topics.input()));
    String app = Topics.unique("kill-app");

    try (OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      Process first = launch(app, "first");
      awaitKeys(ledger, workload.size() / 4);
      long requestsBeforeKill = simulator.stats().requestsReceived();
      first.destroyForcibly().waitFor();
      int keysAtKill = ledger.byKey().size();

      Process second = launch(app, "second");
      awaitKeys(ledger, workload.size());
      second.destroy();
      assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
          .as("SIGTERM stops it")
          .isTrue();
      ledger.readToEnd();

      assertThat(requestsBeforeKill).isPositive();
      assertThat(keysAtKill).as("the first process was killed mid-way").isLessThan(workload.size());
      assertThat(ledger.duplicates()).as("keys with more than one output").isEmpty();
      assertThat(ledger.byKey().keySet()).isEqualTo(workload.keys());
      assertThat(ledger.keysOn(topics.deadLetter()))
          .containsExactlyInAnyOrderElementsOf(workload.invalidKeys());
      assertThat(simulator.stats().largestBatch()).isLessThanOrEqualTo(25);
      assertThat(simulator.stats().mixedTypeSeen()).isFalse();
    }
  }
}
