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
 * and the halt probe; builds {@link ClientSettings}. The rate limit is the quota's ({@link
 * QuotaSection}).
 */
public final class ApiSection extends ConfigSection {

  public static final String API_BASE_URL = "enricher.api.base.url";
  public static final String API_KEY = "enricher.api.key";
  public static final String API_CONNECT_TIMEOUT_MS = "enricher.api.connect.timeout.ms";
  public static final String API_REQUEST_TIMEOUT_MS = "enricher.api.request.timeout.ms";
  public static final String API_POOL_SIZE = "enricher.api.pool.size";
  public static final String API_MAX_IN_FLIGHT = "enricher.api.max.in.flight";
  public static final String API_MAX_QUEUED = "enricher.api.max.queued";
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
        "Requests that may wait inside the client for their permit's time or a connection; beyond it a request "
            + "is answered as retriable at once rather than queueing without bound.",
        Width.SHORT,
        "Max queued requests");
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

  static ClientSettings clientSettings(EnricherConfig config, String apiKey) {
    return new ClientSettings(
        URI.create(config.getString(API_BASE_URL).trim()),
        apiKey,
        millis(config, API_CONNECT_TIMEOUT_MS),
        millis(config, API_REQUEST_TIMEOUT_MS),
        config.getInt(API_POOL_SIZE),
        config.getInt(API_MAX_IN_FLIGHT),
        config.getInt(API_MAX_QUEUED),
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
