package io.personenricher.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@code POST /person/search} (spec §7): the request body, and every response as
 * a {@link SearchOutcome}. Pure functions, no I/O.
 *
 * <p>A 2xx body must be an object with a {@code profiles} array; each profile's URL is read from
 * {@value #PROFILE_URL_PATH} (the path Search returns and Enrich takes). {@code next_cursor} null
 * or absent ends the search. Every other status is classified as for enrich ({@link
 * EnrichProtocol#failure}); a 404 is a {@code Rejected} like any other 4xx.
 *
 * <p>Threading notes: stateless.
 */
public final class SearchProtocol {

  /** Where a search profile carries the URL that enriches it, as a {@code fields} path. */
  public static final String PROFILE_URL_PATH =
      "social_handles.professional_network_identifier.profile_url";

  private SearchProtocol() {}

  public static String requestBody(SearchPageRequest request) {
    ObjectNode body = EnrichProtocol.JSON.createObjectNode();
    body.set("filters", request.filters());
    if (!request.sorts().isEmpty()) {
      ArrayNode sorts = body.putArray("sorts");
      request.sorts().forEach(sorts::add);
    }
    body.put("limit", request.limit());
    if (request.cursor() != null) {
      body.put("cursor", request.cursor());
    }
    if (!request.fields().isEmpty()) {
      ArrayNode fields = body.putArray("fields");
      request.fields().forEach(fields::add);
    }
    return body.toString();
  }

  public static SearchOutcome classify(
      int status, String body, EnrichProtocol.QuotaHeaders quota, Instant notBefore) {
    if (status < 200 || status >= 300) {
      return new SearchOutcome.Failed(EnrichProtocol.failure(status, body, notBefore));
    }
    JsonNode root;
    try {
      root = EnrichProtocol.JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return protocolError(status, "response body is not valid JSON");
    }
    if (root == null || !root.isObject() || !root.path("profiles").isArray()) {
      return protocolError(status, "response body is not an object with a profiles array");
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode profile : root.get("profiles")) {
      JsonNode url = profile.path("social_handles").path("professional_network_identifier");
      if (url.path("profile_url").isTextual() && !url.get("profile_url").asText().isBlank()) {
        urls.add(url.get("profile_url").asText());
      }
    }
    JsonNode cursor = root.path("next_cursor");
    if (!cursor.isMissingNode() && !cursor.isNull() && !cursor.isTextual()) {
      return protocolError(status, "next_cursor is neither a string nor null");
    }
    JsonNode total = root.path("total_count");
    return new SearchOutcome.Page(
        urls,
        root.get("profiles").size(),
        cursor.isTextual() && !cursor.asText().isEmpty() ? cursor.asText() : null,
        total.canConvertToLong() ? total.asLong() : null,
        quota.creditsUsed(),
        status);
  }

  private static SearchOutcome protocolError(int status, String message) {
    return new SearchOutcome.Failed(
        new EnrichOutcome.Retriable(
            EnrichOutcome.RetryReason.PROTOCOL_ERROR, status, message, null));
  }
}
