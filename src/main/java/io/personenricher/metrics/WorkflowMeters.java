package io.personenricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of the workflows beside plain enrichment, for {@link PrometheusEnricherMetrics}:
 * Search then Enrich ({@code enricher_search_*}), the live enrich fallback ({@code
 * enricher_live_enrich_*}) and the credits each endpoint cost ({@code
 * enricher_api_credits_by_endpoint_total}).
 *
 * <p>Threading notes: called from stream threads and I/O threads; Micrometer meters are thread-safe
 * and the gauge reads an atomic.
 */
final class WorkflowMeters {

  static final String SEARCHES = "enricher.search.requests";
  static final String SEARCH_PEOPLE = "enricher.search.people";
  static final String SEARCH_PAGES = "enricher.search.pages";
  static final String LIVE_ENABLED = "enricher.live.enrich.enabled";
  static final String LIVE_FALLBACKS = "enricher.live.enrich.fallbacks";
  static final String CREDITS_BY_ENDPOINT = "enricher.api.credits.by.endpoint";

  private final MeterRegistry registry;
  private final AtomicInteger liveEnabled = new AtomicInteger();
  private final Counter liveFallbacks;
  private final Counter searchPeople;
  private final Counter searchPages;

  WorkflowMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(LIVE_ENABLED, liveEnabled, AtomicInteger::get)
        .description(
            "1 while profile URLs the index did not match go on to live enrich; 0 when the"
                + " fallback is off or live enrich refused the key (403)")
        .register(registry);
    liveFallbacks =
        Counter.builder(LIVE_FALLBACKS)
            .description("Profile URLs the index did not match, sent on to live enrich")
            .register(registry);
    searchPeople =
        Counter.builder(SEARCH_PEOPLE)
            .description("People found by searches and sent to enrichment")
            .register(registry);
    searchPages =
        Counter.builder(SEARCH_PAGES)
            .description("Search result pages answered by the API")
            .register(registry);
  }

  void liveEnrichEnabled(boolean enabled) {
    liveEnabled.set(enabled ? 1 : 0);
  }

  void liveFallback() {
    liveFallbacks.increment();
  }

  void search(String status, int people) {
    Counter.builder(SEARCHES)
        .description("Search requests that ended, by status (completed, failed)")
        .tag("status", status.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    searchPeople.increment(people);
  }

  void searchPage() {
    searchPages.increment();
  }

  void endpointCredits(String endpoint, double credits) {
    if (credits > 0) {
      Counter.builder(CREDITS_BY_ENDPOINT)
          .description(
              "Credits the API reported (x-credits-used), by endpoint: search 0.03 per result, live"
                  + " enrich 7 per profile")
          .tag("endpoint", endpoint)
          .register(registry)
          .increment(credits);
    }
  }
}
