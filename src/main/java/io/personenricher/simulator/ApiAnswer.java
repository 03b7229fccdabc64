package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator does with one API exchange: answer it (status, headers, JSON body), leave it
 * hanging until the client gives up, or drop the connection.
 *
 * @param action how the exchange ends
 * @param status the HTTP status (0 unless {@link Action#RESPOND})
 * @param headers response headers, lower-case names
 * @param body the body text (possibly deliberately malformed)
 * @param credits credits this answer charged, sent as {@code x-credits-used}
 * @param results profiles the answer carries (matches, or search results), for the statistics
 */
record ApiAnswer(
    Action action,
    int status,
    Map<String, String> headers,
    String body,
    double credits,
    int results) {

  /** How an exchange ends. */
  enum Action {
    RESPOND,
    NEVER_ANSWER,
    RESET
  }

  ApiAnswer {
    headers = Map.copyOf(headers);
  }

  static ApiAnswer json(int status, String body, double credits) {
    return json(status, body, credits, 0);
  }

  static ApiAnswer json(int status, String body, double credits, int results) {
    return new ApiAnswer(Action.RESPOND, status, Map.of(), body, credits, results);
  }

  /** A structured error (spec §4.2): {@code {"error":{"type","message","metadata"}}}. */
  static ApiAnswer error(int status, String type, String message, JsonNode metadata) {
    return json(status, errorBody(type, message, metadata), 0);
  }

  static ApiAnswer error(int status, String type, String message) {
    return error(status, type, message, null);
  }

  static ApiAnswer invalidRequest(String message) {
    return error(400, "invalid_request", message);
  }

  /** The 401 gateway answer, whose body is flat ({@code {"message": ...}}), unlike every other. */
  static ApiAnswer unauthorized(String message) {
    return json(401, JsonNodeFactory.instance.objectNode().put("message", message).toString(), 0);
  }

  static ApiAnswer neverAnswer() {
    return new ApiAnswer(Action.NEVER_ANSWER, 0, Map.of(), "", 0, 0);
  }

  static ApiAnswer reset() {
    return new ApiAnswer(Action.RESET, 0, Map.of(), "", 0, 0);
  }

  ApiAnswer withBody(String newBody) {
    return new ApiAnswer(action, status, headers, newBody, credits, results);
  }

  /** This answer with {@code extra} headers added (they win over existing ones). */
  ApiAnswer withHeaders(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(extra);
    return new ApiAnswer(action, status, all, body, credits, results);
  }

  static String errorBody(String type, String message, JsonNode metadata) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    error.set("metadata", metadata == null ? JsonNodeFactory.instance.arrayNode() : metadata);
    return root.toString();
  }
}
