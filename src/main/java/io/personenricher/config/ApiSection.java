package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.httpUrl;

import io.personenricher.client.ClientSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The Crustdata API: where it is, the key, timeouts, the client's pool, in-flight and queue bounds,
 * and the rate limit it paces itself to; builds {@link ClientSettings}.
 */
public final class ApiSection extends ConfigSection {

  public static final String API_BASE_URL = "enricher.api.base.url";
  public static final String API_KEY = "enricher.api.key";
  public static final String API_CONNECT_TIMEOUT_MS = "enricher.api.connect.timeout.ms";
  public static final String API_REQUEST_TIMEOUT_MS = "enricher.api.request.timeout.ms";
  public static final String API_POOL_SIZE = "enricher.api.pool.size";
  public static final String API_MAX_IN_FLIGHT = "enricher.api.max.in.flight";
  public static final String API_MAX_QUEUED = "enricher.api.max.queued";
  public static final String API_RATE_LIMIT_REQUESTS = "enricher.api.rate.limit.requests";
  public static final String API_RATE_LIMIT_WINDOW_MS = "enricher.api.rate.limit.window.ms";
  public static final String API_RATE_LIMIT_HEADROOM = "enricher.api.rate.limit.headroom";
  public static final String API_MAX_JITTER_MS = "enricher.api.max.jitter.ms";
  public static final String API_HALT_PROBE_INTERVAL_MS = "enricher.api.halt.probe.interval.ms";

  @Override
  String group() {
    return "Crustdata API";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        API_BASE_URL,
        Type.STRING,
        "https://api.crustdata.com",
        httpUrl(),
        Importance.HIGH,
        "Root URL of the Person Enrich API; the client appends /person/enrich. Point it at `enricher "
            + "simulator` for local runs.",
        Width.LONG,
        "API base URL");
    keys.define(
        API_KEY,
        Type.PASSWORD,
        null,
        null,
        Importance.HIGH,
        "API bearer token. Secret: masked in logs. Usually set as ENRICHER_API_KEY from a secret store. A "
            + "401/402/403 halts processing (readiness goes 503) instead of dead-lettering every record.",
        Width.LONG,
        "API key");
    keys.define(
        API_CONNECT_TIMEOUT_MS,
        Type.LONG,
        5_000L,
        between(1, 600_000, "milliseconds"),
        Importance.LOW,
        "TCP connect timeout to the API. A failed connect is retried with backoff.",
        Width.SHORT,
        "Connect timeout");
    keys.define(
        API_REQUEST_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        between(1, 600_000, "milliseconds"),
        Importance.MEDIUM,
        "Longest wait for a complete response; beyond it the call counts as a retriable failure. Raise it "
            + "only if the API's p99 latency approaches it.",
        Width.SHORT,
        "Request timeout");
    keys.define(
        API_POOL_SIZE,
        Type.INT,
        8,
        between(1, 256, "HTTP connections"),
        Importance.LOW,
        "HTTP/1.1 connections to the API host. Needs to cover only the requests the quota allows at once.",
        Width.SHORT,
        "Connection pool size");
    keys.define(
        API_MAX_IN_FLIGHT,
        Type.INT,
        16,
        between(1, 1024, "requests"),
        Importance.MEDIUM,
        "Requests on the wire at once across all stream threads of this instance. Bounds memory and the "
            + "burst the API sees.",
        Width.SHORT,
        "Max requests in flight");
    keys.define(
        API_MAX_QUEUED,
        Type.INT,
        256,
        between(0, 100_000, "requests"),
        Importance.LOW,
        "Requests that may wait inside the client for a quota permit or a connection; beyond it a request "
            + "is answered as retriable at once rather than queueing without bound.",
        Width.SHORT,
        "Max queued requests");
    keys.define(
        API_RATE_LIMIT_REQUESTS,
        Type.INT,
        15,
        between(1, 100_000, "requests per window"),
        Importance.HIGH,
        "Requests this instance may send per window. The API allows 15 per minute per key: with N replicas "
            + "sharing a key, set it to 15 / N (rounded down) so they never earn 429s.",
        Width.SHORT,
        "Rate limit (requests)");
    keys.define(
        API_RATE_LIMIT_WINDOW_MS,
        Type.LONG,
        60_000L,
        between(1, 86_400_000, "milliseconds"),
        Importance.MEDIUM,
        "The sliding window of the rate limit (60 s at the API). Shorter only against the simulator.",
        Width.SHORT,
        "Rate-limit window");
    keys.define(
        API_RATE_LIMIT_HEADROOM,
        Type.INT,
        0,
        between(0, 100_000, "requests"),
        Importance.LOW,
        "Stop sending when x-ratelimit-remaining falls to this value and wait for the reset, leaving room for "
            + "other users of the same key. Must be below the rate limit.",
        Width.SHORT,
        "Rate-limit headroom");
    keys.define(
        API_MAX_JITTER_MS,
        Type.LONG,
        1_000L,
        between(0, 600_000, "milliseconds"),
        Importance.LOW,
        "Upper bound of the random delay added to server-directed waits (429, quota reset), so replicas do "
            + "not retry in lockstep.",
        Width.SHORT,
        "Max jitter");
    keys.define(
        API_HALT_PROBE_INTERVAL_MS,
        Type.LONG,
        60_000L,
        between(1_000, 86_400_000, "milliseconds"),
        Importance.LOW,
        "While halted by 401/402/403, how often one probe request tests whether the condition cleared "
            + "(key fixed, credits bought); processing resumes on success.",
        Width.SHORT,
        "Halt probe interval");
  }

  @Override
  Map<String, String> displayDefaults() {
    return Map.of(API_KEY, "none (required by `run`)");
  }

  @Override
  void crossCheck(CrossCheck check) {
    long headroom = check.number(API_RATE_LIMIT_HEADROOM);
    long limit = check.number(API_RATE_LIMIT_REQUESTS);
    if (headroom >= limit) {
      check.invalid(
          API_RATE_LIMIT_HEADROOM,
          headroom,
          "must be below "
              + API_RATE_LIMIT_REQUESTS
              + " ("
              + limit
              + "), or the client never sends; lower it");
    }
  }

  static ClientSettings clientSettings(EnricherConfig config, String apiKey) {
    return new ClientSettings(
        URI.create(config.getString(API_BASE_URL).trim()),
        apiKey,
        millis(config, API_CONNECT_TIMEOUT_MS),
        millis(config, API_REQUEST_TIMEOUT_MS),
        config.getInt(API_POOL_SIZE),
        config.getInt(API_MAX_IN_FLIGHT),
        config.getInt(API_MAX_QUEUED),
        config.getInt(API_RATE_LIMIT_REQUESTS),
        millis(config, API_RATE_LIMIT_WINDOW_MS),
        config.getInt(API_RATE_LIMIT_HEADROOM),
        millis(config, API_MAX_JITTER_MS),
        millis(config, API_HALT_PROBE_INTERVAL_MS));
  }

  static Optional<String> apiKey(EnricherConfig config) {
    Password key = config.getPassword(API_KEY);
    return key == null || key.value().isBlank() ? Optional.empty() : Optional.of(key.value());
  }

  static String requireApiKey(EnricherConfig config) {
    return apiKey(config)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    API_KEY
                        + " is not set: export "
                        + EnricherConfig.envName(API_KEY)
                        + "=<your Crustdata API key> (or put it in the --config file); `run` calls the real API,"
                        + " which answers 401 without a key. `enricher demo` needs no key."));
  }
}
