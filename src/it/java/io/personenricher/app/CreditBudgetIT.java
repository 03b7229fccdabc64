package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.BatchingSection;
import io.personenricher.config.ConfigLoader;
import io.personenricher.config.CreditsSection;
import io.personenricher.config.EnricherConfig;
import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.LedgerCreditBudget;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The credit budget of one application spent by two instances on a real broker (the credit ledger
 * is a real topic) against the simulator. Every event is a profile URL of a known person, so every
 * identifier matches exactly one profile and costs exactly its estimate (1 credit with the default
 * fields): the spend is the number of enriched outputs.
 */
@WithKafkaInfra
class CreditBudgetIT {

  private static final int BUDGET = 30;
  private static final int BATCH = 10;
  private static final int PARTITIONS = 4;
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private final Broker broker;
  private final SchemaRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<EnricherApp> apps = new ArrayList<>();
  private CrustdataSimulator simulator;
  private TopicNames topics;
  private Map<String, String> settings;

  CreditBudgetIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void start() {
    simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withLatency(LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(60))));
    simulator.start();
    topics = Topics.createEnricherTopics(broker, PARTITIONS, "budget");
    settings =
        EnricherSettings.forTest(
            broker,
            registry,
            topics,
            simulator.baseUrl(),
            SimulatorSettings.DEFAULT_API_KEY,
            "budget");
    settings.put(CreditsSection.CREDITS_BUDGET, Integer.toString(BUDGET));
    settings.put(BatchingSection.BATCH_MAX_SIZE, Integer.toString(BATCH));
    settings.put(BatchingSection.BATCH_LINGER_MS, "200");
  }

  @AfterEach
  void stop() {
    apps.forEach(EnricherApp::close);
    simulator.close();
  }

  private EnricherApp startInstance(String period) {
    Map<String, String> mine = new HashMap<>(settings);
    mine.put(CreditsSection.CREDITS_BUDGET_PERIOD, period);
    mine.put(EnricherConfig.STATE_DIR, TestDirs.newTempDir("budget-state").toString());
    EnricherConfig config = new ConfigLoader(Map.of()).load(null, mine);
    EnricherApp app = EnricherApp.start(config, EnricherApp.Options.defaults());
    apps.add(app);
    return app;
  }

  private void awaitRunning() {
    Awaitility.await("every instance RUNNING")
        .atMost(DEADLINE)
        .until(() -> apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING));
  }

  /** {@code events} profile URLs of distinct people, spread over every partition. */
  private void produce(int from, int events) {
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    var people = simulator.people();
    for (int i = from; i < from + events; i++) {
      records.add(
          new ProducerRecord<>(
              topics.input(), i % PARTITIONS, "k-" + i, Events.profileUrl(people.profileUrlOf(i))));
    }
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        records);
  }

  private HttpResponse<String> ready(EnricherApp app) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + "/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean haltedByTheBudget(EnricherApp app) {
    return app.budget().exhaustedUntil().isPresent();
  }

  private static double spentIn(EnricherApp app, BudgetPeriod.Span period) {
    return ((LedgerCreditBudget) app.budget()).spentIn(period.id());
  }

  /** Waits until a period of {@code length} began at least 1 s and at most 5 s ago. */
  private static BudgetPeriod.Span awaitEarlyIn(BudgetPeriod period, Duration length) {
    Awaitility.await("early in a period")
        .atMost(length.plusSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long into =
                  Duration.between(period.at(Instant.now()).start(), Instant.now()).toMillis();
              return into >= 1_000 && into <= 5_000;
            });
    return period.at(Instant.now());
  }

  @Test
  void twoInstancesHaltWithinOneRequestOfTheBudgetTogetherAndResumeInTheNextPeriod()
      throws Exception {
    String length = "PT30S";
    BudgetPeriod period = BudgetPeriod.parse(length);
    EnricherApp first = startInstance(length);
    EnricherApp second = startInstance(length);
    awaitRunning();
    try (OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      BudgetPeriod.Span span = awaitEarlyIn(period, Duration.ofSeconds(30));
      produce(0, 200);

      Awaitility.await("both instances halted by the budget, and say so on /ready")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  haltedByTheBudget(first)
                      && haltedByTheBudget(second)
                      && ready(first).statusCode() == 503
                      && ready(second).statusCode() == 503);
      assertThat(Instant.now()).as("still the first period").isBefore(span.end());
      assertThat(ready(first).body())
          .contains("BUDGET_EXHAUSTED")
          .contains("raise enricher.credits.budget or wait for the next period at " + span.end());
      double spent = spentIn(first, span);
      // Outputs are committed with the next transaction, a little after the answer was settled.
      Awaitility.await("every credit spent has its output")
          .atMost(Duration.ofSeconds(20))
          .until(() -> ledger.readToEnd().records() >= spent);
      int halted = ledger.records();
      assertThat(spent)
          .as("spent by both instances together: at most the budget, within one request of it")
          .isLessThanOrEqualTo(BUDGET)
          .isGreaterThan(BUDGET - BATCH)
          .isEqualTo(spentIn(second, span))
          .isEqualTo(simulator.stats().creditsCharged())
          .isEqualTo(halted);
      assertThat(ledger.keysOn(topics.deadLetter())).isEmpty();
      assertThat(ledger.keysOn(topics.unmatched())).isEmpty();

      Awaitility.await("processing resumes in the next period")
          .atMost(Duration.ofSeconds(60))
          .until(() -> ledger.readToEnd().records() > halted);
      assertThat(Instant.now()).isAfterOrEqualTo(span.end());
      BudgetPeriod.Span next = period.at(span.end());
      Awaitility.await("the next period's budget spent too")
          .atMost(Duration.ofSeconds(20))
          .until(() -> spentIn(first, next) > BUDGET - BATCH);
      assertThat(spentIn(first, next)).isLessThanOrEqualTo(BUDGET);
      assertThat(ledger.readToEnd().duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.deadLetter())).isEmpty();
    }
  }

  /** The period is a calendar day (UTC): run a minute before midnight, this test would fail. */
  @Test
  void aRestartKeepsThePeriodsSpendAndARaiseFromTheCommandLineResumesEveryInstance()
      throws Exception {
    EnricherApp first = startInstance("day");
    awaitRunning();
    BudgetPeriod.Span today = BudgetPeriod.DAY.at(Instant.now());
    try (OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      produce(0, 100);
      Awaitility.await("halted by the budget")
          .atMost(DEADLINE)
          .until(() -> haltedByTheBudget(first));
      double spent = spentIn(first, today);
      Awaitility.await("every credit spent has its output")
          .atMost(Duration.ofSeconds(20))
          .until(() -> ledger.readToEnd().records() >= spent);
      int before = ledger.records();
      assertThat(before).isEqualTo((int) spent);
      assertThat(before).isGreaterThan(BUDGET - BATCH).isLessThanOrEqualTo(BUDGET);
      first.close();
      apps.remove(first);

      EnricherApp restarted = startInstance("day");
      awaitRunning();
      Awaitility.await("the restarted instance read the period's spend")
          .atMost(DEADLINE)
          .until(() -> spentIn(restarted, today) == before);
      Awaitility.await("and is halted by it")
          .atMost(DEADLINE)
          .until(() -> ready(restarted).body().contains("BUDGET_EXHAUSTED"));
      assertThat(simulator.stats().creditsCharged()).isEqualTo(before);
      assertThat(ledger.readToEnd().records()).isEqualTo(before);

      StringWriter out = new StringWriter();
      CommandLine cli = EnricherCli.commandLine(new ConfigLoader(Map.of()));
      cli.setOut(new PrintWriter(out, true));
      List<String> args = new ArrayList<>(List.of("credits", "budget", "--raise-to", "60"));
      settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
      args.addAll(List.of("--set", CreditsSection.CREDITS_BUDGET_PERIOD + "=day"));
      assertThat(cli.execute(args.toArray(String[]::new))).isEqualTo(0);
      assertThat(out.toString())
          .contains("period " + today.id())
          .contains("budget:    60 (raised to 60)")
          .contains("spent:     " + before);

      Awaitility.await("the raise resumes processing up to the new budget")
          .atMost(DEADLINE)
          .until(() -> spentIn(restarted, today) > 60 - BATCH);
      Awaitility.await("halted again, at the raised budget")
          .atMost(DEADLINE)
          .until(() -> haltedByTheBudget(restarted));
      assertThat(spentIn(restarted, today)).isLessThanOrEqualTo(60);
      assertThat(simulator.stats().creditsCharged()).isEqualTo(spentIn(restarted, today));
      assertThat(ledger.readToEnd().duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.deadLetter())).isEmpty();
    }
  }
}
