package io.personenricher.quota;

/**
 * The API endpoints the processor calls. Each has its own rate limit at the API (spec §5), so each
 * has its own quota: its own slot grid, claims and permits.
 */
public enum Endpoint {
  ENRICH("/person/enrich", 15),
  CONTACT_ENRICH("/person/contact/enrich", 15),
  SEARCH("/person/search", 30),
  LIVE_ENRICH("/person/professional_network/enrich/live", 10);

  private final String path;
  private final int documentedRpm;

  Endpoint(String path, int documentedRpm) {
    this.path = path;
    this.documentedRpm = documentedRpm;
  }

  /** The request path, appended to the API's base URL. */
  public String path() {
    return path;
  }

  /** The documented default requests per minute, used until the key's own limit is learned. */
  public int documentedRpm() {
    return documentedRpm;
  }

  /** The endpoint with this path, for configuration. */
  public static Endpoint ofPath(String path) {
    for (Endpoint endpoint : values()) {
      if (endpoint.path.equals(path)) {
        return endpoint;
      }
    }
    throw new IllegalArgumentException("no such endpoint: " + path);
  }
}
