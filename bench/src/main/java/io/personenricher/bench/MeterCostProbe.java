package io.personenricher.bench;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.PrometheusEnricherMetrics;
import io.personenricher.quota.Endpoint;
import java.time.Duration;
import java.util.Arrays;

/**
 * What the product's meters cost per cache hit, on one thread: the input counter, the output counter and
 * end-to-end timer, and the reuse-hit and credits-saved counters of {@link PrometheusEnricherMetrics}, as one
 * answered-from-cache event records them. Scenario 3's pipeline runs record into the harness's own counters
 * ({@link RecordingMetrics}), so this is the part of a deployed instance's per-event cost they leave out.
 *
 * <p>Threading notes: the scenario thread only.
 */
final class MeterCostProbe {

  private static final int EVENTS = 1_000_000;
  private static final int PASSES = 5;

  private MeterCostProbe() {}

  /** Microseconds per event, the median of {@link #PASSES} passes (the first ones warm the code up). */
  static double microsPerEvent() {
    PrometheusEnricherMetrics metrics = new PrometheusEnricherMetrics(25);
    double[] passes = new double[PASSES];
    for (int pass = 0; pass < PASSES; pass++) {
      long start = System.nanoTime();
      for (int i = 0; i < EVENTS; i++) {
        metrics.recordIn("crm.identifiers");
        metrics.recordOut(EnricherMetrics.Route.ENRICHED, "crm.enriched", Duration.ofMillis(i & 1023));
        metrics.recordReuseHit("task", Endpoint.ENRICH, 3.0);
      }
      passes[pass] = (System.nanoTime() - start) / 1000.0 / EVENTS;
    }
    Arrays.sort(passes);
    return passes[PASSES / 2];
  }
}
