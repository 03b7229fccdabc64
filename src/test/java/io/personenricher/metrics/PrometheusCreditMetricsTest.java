package io.personenricher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetStatus;
import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.quota.Endpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrometheusCreditMetricsTest {

  private static final BudgetPeriod.Span DECEMBER =
      BudgetPeriod.MONTH.at(Instant.parse("2026-12-02T01:00:00Z"));

  private final PrometheusEnricherMetrics metrics =
      new PrometheusEnricherMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 25);
  private final PrometheusCreditMetrics credits = metrics.credits();

  private static BudgetStatus status(Optional<Double> budget, double spent, double reserved) {
    return new BudgetStatus(
        DECEMBER, budget, Optional.empty(), spent, reserved, Optional.empty(), true);
  }

  @Test
  void estimatesAndWhatRequestsCostAreCountedPerEndpointWithTheirRatio() {
    credits.estimated(Endpoint.ENRICH, 3, 75);
    credits.spent(Endpoint.ENRICH, 30, 2.0);
    credits.spent(Endpoint.SEARCH, 0.09, Double.NaN);

    assertThat(metrics.scrape())
        .contains("enricher_credits_estimated_total{endpoint=\"/person/enrich\"} 75.0")
        .contains("enricher_credits_estimate_per_match{endpoint=\"/person/enrich\"} 3.0")
        .contains("enricher_credits_spent_total{endpoint=\"/person/enrich\"} 30.0")
        .contains("enricher_credits_spent_total{endpoint=\"/person/search\"} 0.09")
        .contains("enricher_credits_actual_to_estimate_ratio{endpoint=\"/person/enrich\"} 2.0")
        .doesNotContain("enricher_credits_actual_to_estimate_ratio{endpoint=\"/person/search\"}");
  }

  @Test
  void theBudgetGaugesFollowTheStatusAtEachScrape() {
    AtomicReference<BudgetStatus> now = new AtomicReference<>(status(Optional.of(200.0), 50, 10));
    credits.bindBudget(now::get);
    System.gc(); // the gauges must outlive a collection of the method reference they were given

    assertThat(metrics.scrape())
        .contains("enricher_credits_budget 200.0")
        .contains("enricher_credits_budget_spent 50.0")
        .contains("enricher_credits_budget_reserved 10.0")
        .contains("enricher_credits_budget_left 140.0")
        .contains("enricher_credits_budget_used_ratio 0.25");

    now.set(status(Optional.of(200.0), 170, 0));
    assertThat(metrics.scrape())
        .contains("enricher_credits_budget_left 30.0")
        .contains("enricher_credits_budget_used_ratio 0.85");
  }

  @Test
  void withoutABudgetTheBudgetGaugesAreNotANumber() {
    credits.bindBudget(() -> status(Optional.empty(), 12, 0));

    assertThat(metrics.scrape())
        .contains("enricher_credits_budget NaN")
        .contains("enricher_credits_budget_left NaN")
        .contains("enricher_credits_budget_spent 12.0");
  }

  @Test
  void warningsDenialsSavingsAndCreditsByRouteAreCounted() {
    credits.budgetWarning();
    credits.reservationDenied(Endpoint.ENRICH);
    credits.reservationDenied(Endpoint.ENRICH);
    credits.recordCreditsSaved(Endpoint.ENRICH, 4, 3);
    metrics.recordRouteCredits(Route.ENRICHED, 2);
    metrics.recordRouteCredits(Route.UNMATCHED, 1);

    assertThat(metrics.scrape())
        .contains("enricher_credits_budget_warnings_total 1.0")
        .contains("enricher_credits_reservations_denied_total{endpoint=\"/person/enrich\"} 2.0")
        .contains("enricher_credits_saved_total{endpoint=\"/person/enrich\"} 12.0")
        .contains("enricher_credits_by_route_total{route=\"enriched\"} 2.0")
        .contains("enricher_credits_by_route_total{route=\"unmatched\"} 1.0");
  }
}
