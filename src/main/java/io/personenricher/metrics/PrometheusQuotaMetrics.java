package io.personenricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quota's meters, per endpoint: the permits per window the application may send (the key's
 * limit as learned, minus the headroom), this instance's share, the permits it won by what became
 * of them, and the pauses the API asked for.
 *
 * <p>Threading notes: called from stream threads, the ledger reader and the HTTP client's threads;
 * the registry and the maps are thread-safe, and each gauge's value is an atomic.
 */
public final class PrometheusQuotaMetrics implements QuotaMetrics {

  static final String QUOTA_PERMITS_PER_WINDOW = "enricher.quota.permits.per.window";
  static final String QUOTA_SHARE = "enricher.quota.share";
  static final String QUOTA_PERMITS = "enricher.quota.permits";
  static final String QUOTA_PAUSES = "enricher.quota.pauses";

  private final MeterRegistry registry;
  private final Map<Endpoint, AtomicLong> permitsPerWindow = new ConcurrentHashMap<>();
  private final Map<Endpoint, AtomicLong> shareMillis = new ConcurrentHashMap<>();

  PrometheusQuotaMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void limit(Endpoint endpoint, int permits) {
    permitsPerWindow
        .computeIfAbsent(
            endpoint,
            e -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder(QUOTA_PERMITS_PER_WINDOW, value, AtomicLong::get)
                  .description(
                      "Requests per window the application may send to the endpoint: the key's"
                          + " limit as learned (or capped), minus the headroom")
                  .tag("endpoint", e.path())
                  .register(registry);
              return value;
            })
        .set(permits);
  }

  @Override
  public void share(Endpoint endpoint, double share) {
    shareMillis
        .computeIfAbsent(
            endpoint,
            e -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder(QUOTA_SHARE, value, v -> v.get() / 1000.0)
                  .description(
                      "This instance's share of the endpoint's permits: the slots it won in the"
                          + " last window over the permits per window")
                  .tag("endpoint", e.path())
                  .register(registry);
              return value;
            })
        .set(Math.round(share * 1000));
  }

  @Override
  public void permitUsed(Endpoint endpoint, Permit.Kind kind) {
    Counter.builder(QUOTA_PERMITS)
        .description("Permits this instance won, by what became of them")
        .tag("endpoint", endpoint.path())
        .tag("outcome", kind.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void permitUnused(Endpoint endpoint) {
    Counter.builder(QUOTA_PERMITS)
        .description("Permits this instance won, by what became of them")
        .tag("endpoint", endpoint.path())
        .tag("outcome", "unused")
        .register(registry)
        .increment();
  }

  @Override
  public void paused(Endpoint endpoint) {
    Counter.builder(QUOTA_PAUSES)
        .description("Pauses the API asked for (a 429, or the key used up by others)")
        .tag("endpoint", endpoint.path())
        .register(registry)
        .increment();
  }
}
