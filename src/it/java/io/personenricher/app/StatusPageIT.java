package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherSettings;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.MonitoringFiles;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestDirs;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.personenricher.testutil.Workload;
import io.personenricher.topology.TopicNames;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real browser (Debian's headless Chromium through its chromedriver) against a
 * running {@link EnricherApp} with the simulator: the page loads, its figures match {@code
 * /metrics}, the halt banner comes with a 401 and goes when the key is valid again, and neither the
 * API key nor a whole email address ever reaches the page. Screenshots are kept as {@code
 * target/status-page.png} and {@code target/status-page-halted.png} for a person to look at.
 *
 * <p>Skipped, saying so, where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * missing ({@code .ci/run} installs them where it can).
 */
@WithKafkaInfra
class StatusPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String API_KEY = "live-key-3f9c2a1b7d4e";

  private final Broker broker;
  private final SchemaRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private CrustdataSimulator simulator;
  private WebDriver browser;

  StatusPageIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeAll
  static void needsChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "StatusPageIT skipped: the browser test needs Debian's chromium and chromium-driver"
            + " (/usr/bin/chromium, /usr/bin/chromedriver); `apt-get install -y chromium"
            + " chromium-driver` (.ci/run does it where apt is available)");
  }

  @BeforeEach
  void start() {
    simulator =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withRateLimit(1_000, Duration.ofSeconds(2))
                .withLatency(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30)))
                // One 429 (retried after the 2-s reset), so the page has a 429 and a retry to show.
                .withFaults(FaultSettings.none().withForced429(1))
                .withApiKeys(Set.of(API_KEY), Set.of()));
    simulator.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    simulator.close();
  }

  @Test
  void thePageShowsTheFiguresOfMetricsAndTheHaltBannerWithoutLeakingKeyOrEmails() throws Exception {
    TopicNames topics = Topics.uniqueEnricherTopics("status-in");
    Workload workload = Workload.mixed(simulator.people(), 200, 5, 10, 31);
    // Valid emails with an invalid threshold: dead letters that carry a whole email address.
    List<String> emails = List.of(simulator.people().emailOf(1), simulator.people().emailOf(2));
    List<ProducerRecord<String, IdentifierEvent>> records =
        new ArrayList<>(workload.records(topics.input()));
    for (int i = 0; i < emails.size(); i++) {
      records.add(
          new ProducerRecord<>(
              topics.input(),
              "threshold-" + i,
              Events.event(IdentifierType.BUSINESS_EMAIL, emails.get(i), 2.0, null)));
    }
    try (EnricherApp app =
            EnricherApp.start(config(topics), EnricherApp.Options.defaults().withTopicCreation(2));
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      send(records);
      ledger.awaitKeys(records.size(), DEADLINE);
      Awaitility.await("pending back to 0")
          .atMost(Duration.ofSeconds(30))
          .until(() -> sum(get(app, "/metrics"), "enricher_pending_entries") == 0.0);
      browser = chromium();
      browser.get("http://127.0.0.1:" + app.opsPort() + "/");

      String metrics = get(app, "/metrics");
      Awaitility.await("the page shows the final figures")
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> number("total-in") == sum(metrics, "enricher_records_in_total"));
      assertThat(number("total-in")).isEqualTo(records.size());
      assertThat(number("total-enriched"))
          .isEqualTo(sum(metrics, "enricher_records_out_total", "route=\"enriched\""));
      assertThat(number("total-unmatched"))
          .isEqualTo(sum(metrics, "enricher_records_out_total", "route=\"unmatched\""));
      assertThat(number("total-dead-letter"))
          .isEqualTo(sum(metrics, "enricher_dead_letters_total"))
          .isEqualTo(workload.invalidKeys().size() + emails.size());
      assertThat(number("total-requests"))
          .isEqualTo(sum(metrics, "enricher_batches_total"))
          .isPositive();
      assertThat(number("total-rate-limited"))
          .isEqualTo(sum(metrics, "enricher_api_rate_limited_total"))
          .isEqualTo(1);
      assertThat(number("total-retries")).isEqualTo(sum(metrics, "enricher_retries_total"));
      assertThat(number("total-credits"))
          .isEqualTo(Math.round(sum(metrics, "enricher_api_credits_used_total") * 10) / 10.0)
          .isPositive();
      assertThat(number("now-pending")).isZero();
      assertThat(number("now-in-flight")).isZero();
      assertThat(text("readiness")).isEqualTo("Ready");
      assertThat(browser.findElement(By.id("halt-banner")).isDisplayed()).isFalse();
      assertThat(text("dead-letter-reasons"))
          .contains(
              "INVALID_EVENT "
                  + (int) sum(metrics, "enricher_dead_letters_by_reason_total", "INVALID_EVENT"));
      String latest = text("dead-letter-latest");
      for (String email : emails) {
        String masked = email.charAt(0) + "***" + email.substring(email.indexOf('@'));
        assertThat(latest).contains(masked);
      }
      assertNoSecretsOnThePage(app, emails);
      assertThat(MonitoringFiles.scrapedNames(metrics))
          .as("every metric the dashboard and the alerts query, after a real run")
          .containsAll(MonitoringFiles.referencedMetrics());
      screenshot("status-page.png");

      simulator.setApiKeys(Set.of("some-other-key"), Set.of());
      send(Workload.mixed(simulator.people(), 10, 0, 0, 32).records(topics.input()));
      Awaitility.await("the halt banner appears")
          .atMost(DEADLINE)
          .until(() -> browser.findElement(By.id("halt-banner")).isDisplayed());
      assertThat(text("halt-reason")).isEqualTo("INVALID_API_KEY");
      assertThat(text("halt-action")).contains("ENRICHER_API_KEY");
      assertThat(text("readiness")).isEqualTo("Halted");
      assertThat(text("now-drain")).isEqualTo("only after the halt clears");
      screenshot("status-page-halted.png");
      assertNoSecretsOnThePage(app, emails);

      simulator.setApiKeys(Set.of(API_KEY), Set.of());
      Awaitility.await("the halt banner goes")
          .atMost(DEADLINE)
          .until(() -> !browser.findElement(By.id("halt-banner")).isDisplayed());
      assertThat(text("readiness")).isEqualTo("Ready");
    }
  }

  private void assertNoSecretsOnThePage(EnricherApp app, List<String> emails) throws Exception {
    String page = browser.getPageSource();
    String document = get(app, "/status.json");
    for (String shown : List.of(page, document)) {
      assertThat(shown).doesNotContain(API_KEY);
      for (String email : emails) {
        assertThat(shown).doesNotContain(email);
      }
    }
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1500",
        "--user-data-dir=" + TestDirs.newTempDir("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private void screenshot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", name), png);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText().replaceAll("\\s+", " ").strip();
  }

  /** A figure as the page shows it ("1,234" or "12.5"). */
  private double number(String id) {
    return Double.parseDouble(text(id).replace(",", ""));
  }

  private void send(List<ProducerRecord<String, IdentifierEvent>> records) {
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        records);
  }

  private EnricherConfig config(TopicNames topics) {
    Map<String, String> settings =
        EnricherSettings.forTest(broker, registry, topics, simulator.baseUrl(), API_KEY, "status");
    settings.put(EnricherConfig.API_RATE_LIMIT_WINDOW_MS, "2000");
    return new ConfigLoader(Map.of()).load(null, settings);
  }

  private String get(EnricherApp app, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  /** The sum of a metric's samples whose labels contain every given fragment. */
  private static double sum(String exposition, String name, String... labelFragments) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all = true;
      for (String fragment : labelFragments) {
        all &= line.contains(fragment);
      }
      if (all) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
