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
 * @param rateLimitRequests requests allowed per {@code rateWindow} for this instance (the API
 *     default is 15 per 60 s per key; split it between instances that share a key)
 * @param rateWindow the sliding window the limit applies to (60 s at the API; shorter in tests)
 * @param headroom the client stops early when {@code x-ratelimit-remaining} falls to this value,
 *     waiting for {@code x-ratelimit-reset}, so it never earns a 429 from other users of the same
 *     key
 * @param maxJitter upper bound of the random delay added to server-directed waits (429, reset)
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
    int rateLimitRequests,
    Duration rateWindow,
    int headroom,
    Duration maxJitter,
    Duration haltProbeInterval) {

  public static final String API_VERSION = "2025-11-01";

  public ClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(rateWindow, "rateWindow");
    Objects.requireNonNull(maxJitter, "maxJitter");
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
        15,
        Duration.ofSeconds(60),
        0,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60));
  }

  public ClientSettings withRateLimit(int requests, Duration window) {
    return new ClientSettings(
        baseUrl,
        apiKey,
        connectTimeout,
        requestTimeout,
        poolSize,
        maxInFlight,
        maxQueued,
        requests,
        window,
        headroom,
        maxJitter,
        haltProbeInterval);
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
        + ", rateLimitRequests="
        + rateLimitRequests
        + ", rateWindow="
        + rateWindow
        + ", headroom="
        + headroom
        + ", maxJitter="
        + maxJitter
        + ", haltProbeInterval="
        + haltProbeInterval
        + "]";
  }
}
