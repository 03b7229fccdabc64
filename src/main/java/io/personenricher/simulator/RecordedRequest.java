package io.personenricher.simulator;

import java.util.Map;

/**
 * A {@code /person/enrich} request exactly as the simulator received it, for tests that check what
 * a client sends.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param headers header names in lower case mapped to their (first) value, as received
 * @param headerNamesAsSent the header names in the case the client wrote them
 * @param body the raw body text
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, String> headers,
    java.util.List<String> headerNamesAsSent,
    String body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
    headerNamesAsSent = java.util.List.copyOf(headerNamesAsSent);
  }
}
