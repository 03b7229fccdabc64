package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personenricher.client.HaltReason;
import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.UnlimitedBudget;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.metrics.PrometheusEnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.testutil.MonitoringFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules in {@code deploy/monitoring/} query only metrics the
 * processor exposes, and cover what an operator asks. (The {@code kafka_*} client metrics need a
 * running Kafka Streams: {@code StatusPageIT} checks those against a real {@code /metrics}.)
 */
class MonitoringFilesTest {

  /** Metrics that have seen every kind of event the processor, the client and the app report. */
  private static String scrapeAfterEveryKindOfEvent() {
    PrometheusEnricherMetrics metrics =
        new PrometheusEnricherMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 25);
    metrics.recordIn("in");
    for (Route route : Route.values()) {
      metrics.recordOut(route, "out", Duration.ofMillis(10));
    }
    metrics.recordDeadLetter("server_error");
    metrics.recordDeadLetterSample(
        "RETRIES_EXHAUSTED", "server_error", "k".getBytes(StandardCharsets.UTF_8), "a@b.com");
    metrics.recordBatch(25, 25, FlushReason.SIZE);
    metrics.recordBatchWait(Duration.ofSeconds(1));
    metrics.recordRetry("server_error");
    metrics.pendingEntries("0_0", 3);
    metrics.requestStarted();
    metrics.recordResponse("429", Duration.ofMillis(5));
    metrics.quotaHeadroom(2, 15);
    metrics.quota().limit(Endpoint.ENRICH, 15);
    metrics.quota().share(Endpoint.ENRICH, 0.5);
    metrics.quota().permitUsed(Endpoint.ENRICH, Permit.Kind.FULL);
    metrics.quota().permitUnused(Endpoint.ENRICH);
    metrics.quota().paused(Endpoint.ENRICH);
    metrics.recordCredits(1.5);
    metrics.recordThreadReplacement();
    metrics.bindHaltState(
        Optional::empty, Arrays.stream(HaltReason.values()).map(Enum::name).toList());
    metrics
        .credits()
        .bindBudget(new UnlimitedBudget(BudgetPeriod.MONTH, Clock.systemUTC())::status);
    return metrics.scrape();
  }

  @Test
  void everyProcessorMetricTheDashboardAndTheAlertsQueryIsExposed() {
    Set<String> exposed = MonitoringFiles.scrapedNames(scrapeAfterEveryKindOfEvent());
    Set<String> ours = new HashSet<>(MonitoringFiles.referencedMetrics());
    ours.removeIf(name -> !name.startsWith("enricher_"));

    assertThat(ours).hasSizeGreaterThan(10);
    assertThat(exposed).containsAll(ours);
  }

  @Test
  void theAlertsCoverHaltsDeadLetters429sBacklogUnusedPermitsThreadReplacementsAndTheBudget() {
    assertThat(MonitoringFiles.alertExpressions())
        .containsKeys(
            "EnricherHalted",
            "EnricherDeadLetterRateHigh",
            "EnricherRetriesExhausted",
            "EnricherRateLimited",
            "EnricherBacklogOld",
            "EnricherBacklogStalled",
            "EnricherPermitsUnused",
            "EnricherStreamThreadsReplaced",
            "EnricherCreditBudgetNearlySpent");
    for (JsonNode group : MonitoringFiles.alertRules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        assertThat(rule.path("for").asText()).as(name).matches("\\d+[smh]");
        assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("page", "ticket");
        assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
        assertThat(rule.path("expr").asText()).as(name).contains("enricher_");
      }
    }
  }

  @Test
  void theDashboardHasAPanelForEachFigureOfTheStatusPage() {
    JsonNode dashboard = MonitoringFiles.dashboard();
    List<String> titles = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      titles.add(panel.path("title").asText().toLowerCase(java.util.Locale.ROOT));
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
    }

    for (String topic :
        List.of(
            "events in and out by route",
            "batch fill",
            "against the key's limit",
            "429s",
            "in-flight",
            "pending backlog",
            "oldest wait",
            "time to drain",
            "dead letters by reason",
            "credits",
            "halted")) {
      assertThat(titles).as(topic).anyMatch(t -> t.contains(topic));
    }
    assertThat(dashboard.path("templating").path("list").get(0).path("type").asText())
        .isEqualTo("datasource");
  }
}
