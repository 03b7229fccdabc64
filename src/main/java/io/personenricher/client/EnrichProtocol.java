package io.personenricher.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The wire format of {@code POST /person/enrich}: the request body, and the mapping of every
 * response to an {@link EnrichOutcome}. Pure functions, no I/O, so each status class is unit-tested
 * without a server.
 *
 * <p>Status mapping (spec §4): 2xx parse as the entry array; 404 is "no data" for every input
 * (success with empty matches); 400 is {@link EnrichOutcome.Rejected} with {@code
 * error.type}/{@code error.message}; 401, 402, 403 are {@link EnrichOutcome.Fatal}; 429 is {@code
 * RATE_LIMITED}; 5xx is {@code SERVER_ERROR}; 408 is {@code TIMEOUT}. Other 4xx statuses are {@link
 * EnrichOutcome.Rejected} with type {@code http_<status>}: the API does not document them, and a
 * 4xx says the request as sent is at fault, so retrying it unchanged is futile. Every remaining
 * status (1xx, 3xx, odd codes) is a retriable {@code PROTOCOL_ERROR}.
 *
 * <p>A 200 body must be a JSON array with one entry per identifier. Entries are assigned by {@code
 * matched_on} (the API echoes the input verbatim; its own docs advise joining on it rather than
 * position); when the echoes do not line up with the inputs one to one, the whole answer is a
 * {@code PROTOCOL_ERROR} rather than a guess.
 *
 * <p>Threading notes: stateless; the shared {@link ObjectMapper} is thread-safe.
 */
public final class EnrichProtocol {

  static final ObjectMapper JSON = new ObjectMapper();

  private EnrichProtocol() {}

  /**
   * The JSON body for a request: exactly one identifier array, then {@code fields} and the
   * threshold if set.
   */
  public static String requestBody(EnrichRequest request) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode values = body.putArray(request.kind().requestField());
    request.identifiers().forEach(values::add);
    if (!request.fields().isEmpty()) {
      ArrayNode fields = body.putArray("fields");
      request.fields().forEach(fields::add);
    }
    if (request.minSimilarityScore() != null) {
      body.put("min_similarity_score", request.minSimilarityScore());
    }
    return body.toString();
  }

  /** The rate-limit and credit headers of one response, each null when absent or unreadable. */
  public record QuotaHeaders(
      Integer limit,
      Integer remaining,
      Double resetSeconds,
      Double retryAfterSeconds,
      Double creditsUsed) {

    /** Reads the headers through {@code header} (name → value or null). */
    public static QuotaHeaders read(Function<String, String> header, Instant now) {
      return new QuotaHeaders(
          intOrNull(header.apply("x-ratelimit-limit")),
          intOrNull(header.apply("x-ratelimit-remaining")),
          doubleOrNull(header.apply("x-ratelimit-reset")),
          retryAfter(header.apply("retry-after"), now),
          doubleOrNull(header.apply("x-credits-used")));
    }
  }

  /**
   * Classifies one HTTP response.
   *
   * @param notBefore for 429: the earliest retry, already computed by the governor (reset +
   *     jitter); for other statuses the server's {@code Retry-After}, if any, as an instant; may be
   *     null
   */
  public static EnrichOutcome classify(
      EnrichRequest request, int status, String body, QuotaHeaders quota, Instant notBefore) {
    if (status >= 200 && status < 300) {
      return parseSuccess(request, status, body, quota.creditsUsed());
    }
    if (status == 404) {
      List<EnrichEntry> none = new ArrayList<>();
      request.identifiers().forEach(id -> none.add(EnrichEntry.noMatch(id, request.kind())));
      return new EnrichOutcome.Success(none, quota.creditsUsed(), status);
    }
    return failure(status, body, notBefore);
  }

  /**
   * What a status that is no usable answer means, for every endpoint alike: 400 and other 4xx are
   * {@link EnrichOutcome.Rejected}, 401/402/403 {@link EnrichOutcome.Fatal}, 408/429/5xx and odd
   * statuses {@link EnrichOutcome.Retriable}.
   *
   * @param notBefore the earliest retry, as {@link #classify} takes it
   */
  public static EnrichOutcome failure(int status, String body, Instant notBefore) {
    return switch (status) {
      case 400 -> rejected(status, body, "invalid_request");
      case 401 ->
          new EnrichOutcome.Fatal(
              HaltReason.INVALID_API_KEY,
              status,
              "API answered 401 (missing or invalid API key): " + message(body));
      case 402 ->
          new EnrichOutcome.Fatal(
              HaltReason.OUT_OF_CREDITS,
              status,
              "API answered 402 (out of credits): " + message(body));
      case 403 ->
          new EnrichOutcome.Fatal(
              HaltReason.NOT_PERMITTED,
              status,
              "API answered 403 (not permitted): " + message(body));
      case 408 ->
          new EnrichOutcome.Retriable(
              EnrichOutcome.RetryReason.TIMEOUT,
              status,
              "API answered 408 (request timeout)",
              notBefore);
      case 429 ->
          new EnrichOutcome.Retriable(
              EnrichOutcome.RetryReason.RATE_LIMITED,
              status,
              "API answered 429 (rate limited)",
              notBefore);
      default -> {
        if (status >= 500 && status < 600) {
          yield new EnrichOutcome.Retriable(
              EnrichOutcome.RetryReason.SERVER_ERROR,
              status,
              "API answered " + status + ": " + message(body),
              notBefore);
        }
        if (status >= 400 && status < 500) {
          yield rejected(status, body, "http_" + status);
        }
        yield new EnrichOutcome.Retriable(
            EnrichOutcome.RetryReason.PROTOCOL_ERROR,
            status,
            "unexpected HTTP status " + status,
            notBefore);
      }
    };
  }

  private static EnrichOutcome parseSuccess(
      EnrichRequest request, int status, String body, Double credits) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return protocolError(status, "response body is not valid JSON");
    }
    if (root == null || !root.isArray()) {
      return protocolError(status, "response body is not a JSON array");
    }
    if (root.size() != request.size()) {
      return protocolError(
          status,
          "response has " + root.size() + " entries for " + request.size() + " identifiers");
    }
    List<EnrichEntry> parsed = new ArrayList<>(root.size());
    for (JsonNode node : root) {
      EnrichEntry entry = parseEntry(node);
      if (entry == null) {
        return protocolError(status, "response entry is not a valid enrich entry");
      }
      parsed.add(entry);
    }
    List<EnrichEntry> ordered =
        ResponseAlignment.align(request.kind(), request.identifiers(), parsed);
    if (ordered == null) {
      return protocolError(
          status, "response entries' matched_on do not match the request's identifiers");
    }
    return new EnrichOutcome.Success(ordered, credits, status);
  }

  /**
   * One entry, or null when it lacks anything the output contract needs: a textual {@code
   * matched_on} and {@code match_type}, a {@code matches} array whose items each have a finite
   * numeric {@code confidence_score} and an object {@code person_data}.
   */
  private static EnrichEntry parseEntry(JsonNode node) {
    if (!node.isObject()
        || !isText(node.path("matched_on"))
        || !isText(node.path("match_type"))
        || !node.path("matches").isArray()) {
      return null;
    }
    List<PersonMatchResult> matches = new ArrayList<>();
    for (JsonNode match : node.get("matches")) {
      JsonNode score = match.path("confidence_score");
      JsonNode data = match.path("person_data");
      if (!score.isNumber() || !Double.isFinite(score.asDouble()) || !data.isObject()) {
        return null;
      }
      matches.add(new PersonMatchResult(score.asDouble(), data));
    }
    return new EnrichEntry(
        node.get("matched_on").asText(), node.get("match_type").asText(), matches);
  }

  private static boolean isText(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty();
  }

  private static EnrichOutcome rejected(int status, String body, String fallbackType) {
    JsonNode error = parseOrNull(body).path("error");
    String type = error.path("type").isTextual() ? error.get("type").asText() : fallbackType;
    String message =
        error.path("message").isTextual() ? error.get("message").asText() : message(body);
    return new EnrichOutcome.Rejected(status, type, message);
  }

  private static EnrichOutcome.Retriable protocolError(int status, String message) {
    return new EnrichOutcome.Retriable(
        EnrichOutcome.RetryReason.PROTOCOL_ERROR, status, message, null);
  }

  /** The human-readable message of a structured or flat error body, or a short placeholder. */
  private static String message(String body) {
    JsonNode root = parseOrNull(body);
    if (root.path("error").path("message").isTextual()) {
      return root.path("error").path("message").asText();
    }
    if (root.path("message").isTextual()) {
      return root.path("message").asText();
    }
    return "(no error message)";
  }

  private static JsonNode parseOrNull(String body) {
    try {
      JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
      return root == null ? JSON.missingNode() : root;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static Integer intOrNull(String value) {
    Double d = doubleOrNull(value);
    return d == null ? null : (int) Math.floor(d);
  }

  private static Double doubleOrNull(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code Retry-After} as seconds from now: either delta-seconds or an HTTP date. */
  private static Double retryAfter(String value, Instant now) {
    Double seconds = doubleOrNull(value);
    if (seconds != null || value == null) {
      return seconds;
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, (at.toEpochMilli() - now.toEpochMilli()) / 1000.0);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
