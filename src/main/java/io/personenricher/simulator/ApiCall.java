package io.personenricher.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API request as the pipeline sees it: the parts it decides on, free of the HTTP server, so
 * each step can be tested without one.
 *
 * @param endpoint the endpoint called
 * @param authorization the {@code authorization} header, or null
 * @param apiVersion the {@code x-api-version} header, or null
 * @param rawBody the body text
 * @param body the body parsed, or null when it is empty or not JSON
 * @param nowNanos arrival time on the {@link System#nanoTime()} clock
 */
record ApiCall(
    SimulatedEndpoint endpoint,
    String authorization,
    String apiVersion,
    String rawBody,
    JsonNode body,
    long nowNanos) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ApiCall of(
      SimulatedEndpoint endpoint,
      String authorization,
      String apiVersion,
      String rawBody,
      long nowNanos) {
    return new ApiCall(endpoint, authorization, apiVersion, rawBody, parse(rawBody), nowNanos);
  }

  /** The body as a JSON object, or a 400 (spec §4.4 step 5). */
  ObjectNode requireObjectBody() {
    if (body == null || !body.isObject()) {
      throw ApiRejection.invalidRequest("Request body must be a JSON object.");
    }
    return (ObjectNode) body;
  }

  private static JsonNode parse(String raw) {
    try {
      return raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
