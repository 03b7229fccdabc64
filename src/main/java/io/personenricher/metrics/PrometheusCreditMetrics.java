package io.personenricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.personenricher.credits.BudgetStatus;
import io.personenricher.credits.CreditMetrics;
import io.personenricher.quota.Endpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@link CreditMetrics} on the processor's Prometheus registry: what requests were estimated to
 * cost and what they cost, by endpoint; the budget of the period and what is left of it; warnings
 * and denied reservations; credits saved by answer reuse.
 *
 * <p>Threading notes: Micrometer meters are thread-safe; the per-endpoint gauges read {@link
 * AtomicLong}s (doubles as raw bits) in a {@link ConcurrentHashMap}; the budget gauges call the
 * budget's {@code status()} at each scrape, which synchronises briefly and never blocks on I/O.
 */
public final class PrometheusCreditMetrics implements CreditMetrics {

  static final String SPENT = "enricher.credits.spent";
  static final String ESTIMATED = "enricher.credits.estimated";
  static final String PER_MATCH = "enricher.credits.estimate.per.match";
  static final String RATIO = "enricher.credits.actual.to.estimate.ratio";
  static final String DENIED = "enricher.credits.reservations.denied";
  static final String WARNINGS = "enricher.credits.budget.warnings";
  static final String SAVED = "enricher.credits.saved";
  static final String BUDGET = "enricher.credits.budget";
  static final String BUDGET_SPENT = "enricher.credits.budget.spent";
  static final String BUDGET_RESERVED = "enricher.credits.budget.reserved";
  static final String BUDGET_LEFT = "enricher.credits.budget.left";
  static final String BUDGET_USED = "enricher.credits.budget.used.ratio";

  private final MeterRegistry registry;
  private final Counter warnings;
  private final Map<String, AtomicLong> latest = new ConcurrentHashMap<>();
  private final Map<Endpoint, Counter> saved = new ConcurrentHashMap<>();

  PrometheusCreditMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.warnings =
        Counter.builder(WARNINGS)
            .description("Periods in which the application's spend reached 80% of the budget")
            .register(registry);
  }

  /**
   * Adds the budget's gauges, read from {@code status} at each scrape: the budget in force (NaN
   * without one), the period's spend and reservations across the application, what is left and the
   * share used.
   */
  public void bindBudget(Supplier<BudgetStatus> status) {
    budgetGauge(BUDGET, status, s -> s.effective().orElse(Double.NaN))
        .description("Credits the application may spend in the current period (NaN: no budget)")
        .register(registry);
    budgetGauge(BUDGET_SPENT, status, BudgetStatus::spent)
        .description(
            "Credits spent in the current period: by every instance with a budget, else by this one")
        .register(registry);
    budgetGauge(BUDGET_RESERVED, status, BudgetStatus::reserved)
        .description("Credits held by requests in flight against the budget")
        .register(registry);
    budgetGauge(BUDGET_LEFT, status, s -> s.left().orElse(Double.NaN))
        .description("Credits left in the current period (NaN: no budget)")
        .register(registry);
    budgetGauge(BUDGET_USED, status, BudgetStatus::usedRatio)
        .description("Credits spent in the period over the budget (NaN: no budget)")
        .register(registry);
  }

  /**
   * Micrometer holds a gauge's object weakly: a method reference such as {@code budget::status} is
   * referenced by nothing else and would be collected, leaving the gauge at NaN.
   */
  private static Gauge.Builder<Supplier<BudgetStatus>> budgetGauge(
      String name, Supplier<BudgetStatus> status, ToDoubleFunction<BudgetStatus> figure) {
    return Gauge.builder(name, status, s -> figure.applyAsDouble(s.get())).strongReference(true);
  }

  @Override
  public void estimated(Endpoint endpoint, double perMatch, double upperBound) {
    Counter.builder(ESTIMATED)
        .description(
            "Credits requests were estimated to cost at most before they went (upper bound)")
        .tag("endpoint", endpoint.path())
        .register(registry)
        .increment(upperBound);
    latest(PER_MATCH, endpoint, "Estimated credits per matched profile of the latest request")
        .set(Double.doubleToRawLongBits(perMatch));
  }

  @Override
  public void spent(Endpoint endpoint, double credits, double ratio) {
    if (credits > 0) {
      Counter.builder(SPENT)
          .description(
              "Credits requests cost (x-credits-used, or the estimate when the API did not say)")
          .tag("endpoint", endpoint.path())
          .register(registry)
          .increment(credits);
    }
    if (!Double.isNaN(ratio)) {
      latest(
              RATIO,
              endpoint,
              "Credits of the latest answer with matches over the estimate per match times its"
                  + " matches (1: the price list is right)")
          .set(Double.doubleToRawLongBits(ratio));
    }
  }

  @Override
  public void reservationDenied(Endpoint endpoint) {
    Counter.builder(DENIED)
        .description("Requests not sent because they would have crossed the credit budget")
        .tag("endpoint", endpoint.path())
        .register(registry)
        .increment();
  }

  @Override
  public void budgetWarning() {
    warnings.increment();
  }

  @Override
  public void recordCreditsSaved(Endpoint endpoint, long hits, double estimatedCreditsPerHit) {
    // Once per reused answer: the counter is looked up once per endpoint, not built per call.
    saved
        .computeIfAbsent(
            endpoint,
            e ->
                Counter.builder(SAVED)
                    .description(
                        "Credits not spent thanks to reused answers (hits times their estimated cost)")
                    .tag("endpoint", e.path())
                    .register(registry))
        .increment(hits * estimatedCreditsPerHit);
  }

  private AtomicLong latest(String name, Endpoint endpoint, String description) {
    return latest.computeIfAbsent(
        name + "|" + endpoint.path(),
        k -> {
          AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
          Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get()))
              .description(description)
              .tag("endpoint", endpoint.path())
              .register(registry);
          return bits;
        });
  }
}
