package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class EnricherCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(Map<String, String> env, String... args) {
    CommandLine cli = EnricherCli.commandLine(new ConfigLoader(env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int execute(String... args) {
    return execute(Map.of(), args);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "demo",
        "stack",
        "simulator",
        "produce",
        "search",
        "consume",
        "replay",
        "config",
        "credits"
      })
  void everySubcommandHasHelpThatExitsZero(String command) {
    assertThat(execute(command, "--help")).isEqualTo(0);
    assertThat(out.toString()).startsWith("Usage: enricher " + command).contains("-h, --help");
  }

  @Test
  void rootHelpListsCommandsAndExitCodes() {
    assertThat(execute("--help")).isEqualTo(0);
    assertThat(out.toString())
        .contains("run", "demo", "stack", "simulator", "produce", "consume", "replay")
        .contains("Exit codes:")
        .contains("2   usage or configuration error");
  }

  @Test
  void versionPrintsProjectAndKafkaVersions() {
    assertThat(execute("--version")).isEqualTo(0);
    assertThat(out.toString()).contains("person-enricher").contains("Kafka Streams 4.3.1");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing a command").contains("Usage: enricher");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "--version", "--config"})
  void anUnknownCommandIsAUsageErrorWhateverFollowsIt(String following) {
    assertThat(execute("lookup", following)).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").contains("'lookup'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aSearchWithFiltersThatAreNoFilterTreeIsAUsageErrorNamingTheOption() {
    assertThat(execute("search", "--filters", "{\"type\":\"=\"}")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--filters: a filter is a condition {field, type, value} or a group");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(execute("run", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--bogus'");
  }

  @Test
  void runWithAnInvalidOverrideExitsTwoNamingKeyAndFix() {
    int code =
        execute(Map.of("ENRICHER_API_KEY", "k"), "run", "--set", "enricher.batch.max.size=40");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Configuration error:")
        .contains("enricher.batch.max.size=40 (from --set) is invalid: must be between 1 and 25");
  }

  @Test
  void runWithoutAnApiKeyExitsTwoAndSaysHowToSetIt() {
    assertThat(execute("run")).isEqualTo(2);
    assertThat(err.toString()).contains("enricher.api.key is not set").contains("ENRICHER_API_KEY");
  }

  @Test
  void runAgainstAnUnreachableBrokerExitsOneNamingTheBrokerAndTheSetting() {
    int code =
        execute(
            Map.of("ENRICHER_API_KEY", "k"),
            "run",
            "--set",
            "enricher.http.port=0",
            "--set",
            "enricher.bootstrap.servers=127.0.0.1:1",
            "--set",
            "enricher.kafka.default.api.timeout.ms=1000",
            "--set",
            "enricher.kafka.request.timeout.ms=500");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("enricher run failed")
        .contains("127.0.0.1:1")
        .contains("enricher.bootstrap.servers");
  }

  @Test
  void produceWithAFileOfUnknownFormatIsAUsageError() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("events", ".txt");
    try {
      assertThat(execute("produce", "--file", file.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("name it *.csv (with a header row) or *.jsonl");
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void simulatorFlagsBecomeTheSimulatorSettings() {
    SimulatorCommand command = new SimulatorCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--dataset-size",
            "500",
            "--seed",
            "7",
            "--rate-limit",
            "60",
            "--rate-window-ms",
            "10000",
            "--latency-ms",
            "20",
            "--latency-max-ms",
            "80",
            "--error-503",
            "0.1",
            "--timeout-rate",
            "0.05",
            "--credits",
            "12",
            "--api-key",
            "a,b");

    io.personenricher.simulator.SimulatorSettings settings = command.settings();
    assertThat(settings.datasetSize()).isEqualTo(500);
    assertThat(settings.seed()).isEqualTo(7);
    assertThat(settings.rateLimitRequests()).isEqualTo(60);
    assertThat(settings.rateWindow()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(settings.latency().kind())
        .isEqualTo(io.personenricher.simulator.LatencyModel.Kind.UNIFORM);
    assertThat(settings.latency().max()).isEqualTo(java.time.Duration.ofMillis(80));
    assertThat(settings.faults().error503()).isEqualTo(0.1);
    assertThat(settings.faults().timeout()).isEqualTo(0.05);
    assertThat(settings.creditBalance()).isEqualTo(12);
    assertThat(settings.validApiKeys()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void unknownEnvironmentSettingFailsEveryConfigReadingCommand() {
    assertThat(execute(Map.of("ENRICHER_BATCH_SIZE", "5"), "consume", "--topic", "t")).isEqualTo(2);
    assertThat(err.toString()).contains("did you mean enricher.batch.max.size?");
  }

  @Test
  void creditsBudgetHelpNamesTheRaise() {
    assertThat(execute("credits", "budget", "--help")).isEqualTo(0);
    assertThat(out.toString())
        .startsWith("Usage: enricher credits budget")
        .contains("--raise-to=CREDITS")
        .contains("for every instance at once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "NaN"})
  void creditsBudgetRaisedToANumberThatIsNotPositiveIsAUsageError(String credits) {
    assertThat(execute("credits", "budget", "--raise-to", credits)).isEqualTo(2);
    assertThat(err.toString()).contains("must be a positive number of credits for this period");
  }

  @Test
  void creditsBudgetWithoutAConfiguredBudgetIsAUsageErrorNamingTheKey() {
    assertThat(execute("credits", "budget", "--raise-to", "500")).isEqualTo(2);
    assertThat(err.toString())
        .contains("enricher.credits.budget is unset")
        .contains("--set enricher.credits.budget=N");
  }

  @Test
  void creditsBudgetOfALocalApplicationIsAUsageErrorSayingToRestartWithAHigherBudget() {
    int code =
        execute(
            "credits",
            "budget",
            "--raise-to",
            "500",
            "--set",
            "enricher.credits.budget=100",
            "--set",
            "enricher.quota.coordination=local");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("enricher.quota.coordination=local")
        .contains("restart it with a higher enricher.credits.budget");
  }

  @Test
  void replayHelpSaysWhyASecondRunDoesNotReplayTwice() {
    assertThat(execute("replay", "--help")).isEqualTo(0);
    assertThat(out.toString())
        .contains("--dry-run", "--reason", "--error-class", "--since", "--until", "--key")
        .contains("--include-undecodable")
        .contains("one Kafka transaction per chunk")
        .contains("resumes after what was replayed");
  }

  @Test
  void replayWithAnUnknownReasonOrTimeIsAUsageErrorNamingTheValidForms() {
    assertThat(execute("replay", "--reason", "storm")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown reason 'storm'").contains("RETRIES_EXHAUSTED");
    assertThat(execute("replay", "--since", "last tuesday")).isEqualTo(2);
    assertThat(err.toString()).contains("ISO-8601").contains("30m, 2h, 7d");
  }

  @Test
  void replayGroupsAreNamedAfterTheOptionsAsTyped() {
    ReplayCommand a = new ReplayCommand();
    a.reasons = new java.util.ArrayList<>(java.util.List.of("retries_exhausted"));
    a.since = "2h";
    ReplayCommand b = new ReplayCommand();
    b.reasons = new java.util.ArrayList<>(java.util.List.of("RETRIES_EXHAUSTED"));
    b.since = "2h";
    ReplayCommand c = new ReplayCommand();
    c.reasons = new java.util.ArrayList<>(java.util.List.of("INVALID_EVENT"));

    assertThat(a.optionsHash("dlq", "in")).hasSize(8).isEqualTo(b.optionsHash("dlq", "in"));
    assertThat(c.optionsHash("dlq", "in")).isNotEqualTo(a.optionsHash("dlq", "in"));
    assertThat(a.optionsHash("other-dlq", "in")).isNotEqualTo(a.optionsHash("dlq", "in"));
  }

  @Test
  void configPrintsTheResolvedSettingsWithSecretsMasked() {
    int code =
        execute(
            Map.of("ENRICHER_API_KEY", "sk-123"),
            "config",
            "--set",
            "enricher.batch.linger.ms=900");

    assertThat(code).isEqualTo(0);
    assertThat(out.toString())
        .contains("enricher.batch.linger.ms = 900 (--set)")
        .contains("enricher.api.key = **** (env ENRICHER_API_KEY)")
        .doesNotContain("sk-123");
  }

  @Test
  void configDocsPrintsTheReferenceTable() {
    assertThat(execute("config", "--docs")).isEqualTo(0);
    assertThat(out.toString())
        .contains("| `enricher.batch.max.size` | `ENRICHER_BATCH_MAX_SIZE` |");
  }
}
