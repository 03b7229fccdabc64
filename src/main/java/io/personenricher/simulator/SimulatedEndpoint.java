package io.personenricher.simulator;

import java.util.Optional;

/**
 * The API endpoints the simulator serves, each with its method, path, category and the documented
 * default rate limit per key (spec §5, requests per 60 s). Each has its own sliding window per key.
 */
public enum SimulatedEndpoint {
  /** {@code POST /person/enrich}: the indexed dataset by profile URL or business email. */
  ENRICH("POST", "/person/enrich", "person", 15),
  /** {@code POST /person/search}: filters over the indexed dataset (spec §7). */
  SEARCH("POST", "/person/search", "person", 30),
  /** {@code POST /person/professional_network/enrich/live}: a fresh fetch by profile URL (§8). */
  LIVE_ENRICH("POST", "/person/professional_network/enrich/live", "person", 10),
  /** {@code POST /person/contact/enrich}: contact fields only (spec §9). */
  CONTACT_ENRICH("POST", "/person/contact/enrich", "person", 15),
  /** {@code GET /account/endpoints}: the key's endpoints, limits and fields (spec §9). */
  ACCOUNT_ENDPOINTS("GET", "/account/endpoints", "account", 300),
  /** {@code GET /user/credits}: the balance (spec §6). */
  USER_CREDITS("GET", "/user/credits", "account", 300),
  /** {@code GET /account/credits}: the balance with the plan's recurring credits (spec §6). */
  ACCOUNT_CREDITS("GET", "/account/credits", "account", 300);

  private final String method;
  private final String path;
  private final String category;
  private final int defaultRateLimit;

  SimulatedEndpoint(String method, String path, String category, int defaultRateLimit) {
    this.method = method;
    this.path = path;
    this.category = category;
    this.defaultRateLimit = defaultRateLimit;
  }

  /** {@code person} or {@code account}, as {@code GET /account/endpoints} reports it. */
  public String category() {
    return category;
  }

  /**
   * Person endpoints serve data and need the key's entitlement; the account endpoints are free and
   * open to every authenticated key.
   */
  public boolean servesPersonData() {
    return category.equals("person");
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
