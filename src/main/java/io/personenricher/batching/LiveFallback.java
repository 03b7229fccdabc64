package io.personenricher.batching;

import io.personenricher.client.IdentifierKind;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.routing.MappedAnswer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a profile URL the index did not match goes on to live enrich ({@code
 * enricher.live.enrich.unmatched}), instance-wide: on when configured, and off for good (until a
 * restart) once live enrich answers that the key is not entitled (403). Turning off logs one line
 * and sets the {@code enricher_live_enrich_enabled} gauge to 0; enrichment is never halted for it,
 * and URLs already on their way to live enrich end as unmatched.
 *
 * <p>Threading notes: shared by every stream thread of an instance; the switch is an atomic, so the
 * first refusal wins and is logged once.
 */
public final class LiveFallback {

  private static final Logger log = LoggerFactory.getLogger(LiveFallback.class);

  private final AtomicBoolean active;
  private final EnricherMetrics metrics;

  private LiveFallback(boolean enabled, EnricherMetrics metrics) {
    this.active = new AtomicBoolean(enabled);
    this.metrics = metrics;
    metrics.liveEnrichEnabled(enabled);
  }

  /** No fallback: unmatched URLs go to the unmatched topic. */
  public static LiveFallback off() {
    return new LiveFallback(false, EnricherMetrics.NOOP);
  }

  /** The fallback as configured. */
  public static LiveFallback of(boolean enabled, EnricherMetrics metrics) {
    return new LiveFallback(enabled, metrics);
  }

  public boolean active() {
    return active.get();
  }

  /** True when the answer for a member of {@code group} should be asked of live enrich instead. */
  boolean wanted(GroupKey group, MappedAnswer answer) {
    return group.kind() == IdentifierKind.PROFILE_URL
        && !group.live()
        && answer.matches().isEmpty()
        && active.get();
  }

  /** A profile URL is on its way to live enrich, for the metric. */
  void sending() {
    metrics.recordLiveFallback();
  }

  /** Live enrich said the key may not use it: the fallback is off from now on. */
  void refused(String message) {
    if (active.compareAndSet(true, false)) {
      metrics.liveEnrichEnabled(false);
      log.warn(
          "Live enrich is not permitted for this API key ({}): the fallback is off until a"
              + " restart; profile URLs the index does not match go to the unmatched topic."
              + " Enable live enrich on the plan, or set enricher.live.enrich.unmatched=false.",
          message);
    }
  }
}
