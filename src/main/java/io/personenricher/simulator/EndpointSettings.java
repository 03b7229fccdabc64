package io.personenricher.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Start-up configuration of one endpoint other than {@code /person/enrich} (whose knobs are the
 * older top-level ones of {@link SimulatorSettings}).
 *
 * @param rateLimitRequests requests allowed per key per {@link SimulatorSettings#rateWindow()}
 * @param latency answer latency
 * @param entitled false: every key gets 403 {@code permission_error} (a self-serve plan for contact
 *     enrich, a plan without live enrich)
 */
public record EndpointSettings(int rateLimitRequests, LatencyModel latency, boolean entitled) {

  /** Live enrich scrapes the web on demand: seconds, not milliseconds (spec §8). */
  public static final LatencyModel LIVE_LATENCY =
      LatencyModel.uniform(Duration.ofSeconds(2), Duration.ofSeconds(5));

  public EndpointSettings {
    Objects.requireNonNull(latency, "latency");
    if (rateLimitRequests < 1) {
      throw new IllegalArgumentException("rateLimitRequests must be positive");
    }
  }

  /** The documented limit, no latency except live enrich's, entitled. */
  public static EndpointSettings defaults(SimulatedEndpoint endpoint) {
    return new EndpointSettings(
        endpoint.defaultRateLimit(),
        endpoint == SimulatedEndpoint.LIVE_ENRICH ? LIVE_LATENCY : LatencyModel.none(),
        true);
  }

  public EndpointSettings withRateLimit(int requests) {
    return new EndpointSettings(requests, latency, entitled);
  }

  public EndpointSettings withLatency(LatencyModel model) {
    return new EndpointSettings(rateLimitRequests, model, entitled);
  }

  public EndpointSettings withEntitled(boolean isEntitled) {
    return new EndpointSettings(rateLimitRequests, latency, isEntitled);
  }
}
