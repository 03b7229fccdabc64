package io.personenricher.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the HTTP client needs, already validated by the config layer.
 *
 * @param baseUrl API root, e.g. {@code https://api.crustdata.com}; the client appends {@code
 *     /person/enrich}
 * @param apiKey the bearer token; a secret: never logged, never put in exception messages ({@link
 *     #toString()})
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time from sending a request to its complete response; beyond it the call is
 *     retriable
 * @param poolSize HTTP/1.1 connections to the API host
 * @param maxInFlight requests on the wire at once across all stream threads of this instance
 * @param maxQueued requests waiting inside the client for a quota permit or a connection; beyond it
 *     {@code enrich} answers a retriable outcome at once instead of growing an unbounded queue
 * @param haltProbeInterval while halted (401/402/403), how often one probe request may test whether
 *     the condition cleared
 */
public record ClientSettings(
    URI baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    int poolSize,
    int maxInFlight,
    int maxQueued,
    Duration haltProbeInterval) {

  public static final String API_VERSION = "2025-11-01";

  public ClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(haltProbeInterval, "haltProbeInterval");
  }

  /** Defaults that match the API's documented limits, for tests and the simulator-backed demo. */
  public static ClientSettings defaults(URI baseUrl, String apiKey) {
    return new ClientSettings(
        baseUrl,
        apiKey,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        8,
        16,
        256,
        Duration.ofSeconds(60));
  }

  @Override
  public String toString() {
    return "ClientSettings[baseUrl="
        + baseUrl
        + ", apiKey=****, connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", poolSize="
        + poolSize
        + ", maxInFlight="
        + maxInFlight
        + ", maxQueued="
        + maxQueued
        + ", haltProbeInterval="
        + haltProbeInterval
        + "]";
  }
}
