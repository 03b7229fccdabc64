package io.personenricher.simulator;

import java.util.Optional;

/**
 * The API endpoints the simulator serves, each with its method, path and the documented default
 * rate limit per key (spec §5, requests per 60 s).
 */
public enum SimulatedEndpoint {
  /** {@code POST /person/enrich}: the indexed dataset by profile URL or business email. */
  ENRICH("POST", "/person/enrich", 15);

  private final String method;
  private final String path;
  private final int defaultRateLimit;

  SimulatedEndpoint(String method, String path, int defaultRateLimit) {
    this.method = method;
    this.path = path;
    this.defaultRateLimit = defaultRateLimit;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** Requests per key per 60 s that the API allows by default. */
  public int defaultRateLimit() {
    return defaultRateLimit;
  }

  /** The endpoint a request names, if the simulator serves it. */
  public static Optional<SimulatedEndpoint> route(String method, String path) {
    for (SimulatedEndpoint e : values()) {
      if (e.path.equals(path) && e.method.equalsIgnoreCase(method)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The endpoint with this path or constant name (case-insensitive), for admin controls. */
  public static SimulatedEndpoint named(String pathOrName) {
    for (SimulatedEndpoint e : values()) {
      if (e.path.equals(pathOrName) || e.name().equalsIgnoreCase(pathOrName)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown endpoint '" + pathOrName + "'; use a path such as /person/enrich, or all");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
