package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated Person Search body (spec §7).
 *
 * @param filter the compiled {@code filters}
 * @param order the compiled {@code sorts}
 * @param fingerprint what identifies the query's result list: filters, sorts and exclusions
 * @param limit page size, 1–1000 ({@code limit}, or its alias {@code count}; default 20)
 * @param offset where the page starts, from {@code cursor}
 * @param fields the {@code fields} projection, empty for whole profiles
 * @param excludedSlugs {@code post_processing.exclude_profiles}, as lower-case profile slugs
 * @param excludedNames {@code post_processing.exclude_names}, lower case
 */
record SearchRequest(
    SearchFilter.Condition filter,
    SearchSorts.Order order,
    String fingerprint,
    int limit,
    int offset,
    List<String> fields,
    Set<String> excludedSlugs,
    Set<String> excludedNames) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 1000;

  /**
   * Reads {@code body}: {@code preview} (not entitled: 400, as the API answers), {@code filters},
   * {@code limit}/{@code count}, {@code cursor}, {@code fields}, {@code post_processing}; {@code
   * return_query}, {@code explain} and unknown keys are ignored.
   */
  static SearchRequest read(ObjectNode body, SearchProfiles profiles) {
    if (body.path("preview").asBoolean(false)) {
      throw ApiRejection.invalidRequest(
          "error: PersonDB preview feature is not available for your account.");
    }
    SearchFilter.Condition filter = SearchFilter.compile(body.get("filters"));
    JsonNode sorts = body.get("sorts");
    SearchSorts.Order order = SearchSorts.compile(sorts);
    JsonNode post = body.path("post_processing");
    String fingerprint =
        body.get("filters") + "|" + (sorts == null ? "[]" : sorts.toString()) + "|" + post;
    int limit = limit(body);
    JsonNode cursor = body.get("cursor");
    if (cursor != null && !cursor.isNull() && !cursor.isTextual()) {
      throw ApiRejection.invalidRequest("cursor must be a string from next_cursor.");
    }
    int offset =
        SearchCursor.decode(
            cursor == null || cursor.isNull() ? null : cursor.asText(), fingerprint);
    List<String> fields = FieldsParameter.read(body);
    profiles.vocabulary().requireSupported(fields);
    Set<String> slugs = new HashSet<>();
    for (String url : strings(post, "exclude_profiles")) {
      String slug = ProfileUrls.slugOf(url);
      if (slug != null) {
        slugs.add(slug.toLowerCase(Locale.ROOT));
      }
    }
    Set<String> names = new HashSet<>();
    strings(post, "exclude_names").forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    return new SearchRequest(filter, order, fingerprint, limit, offset, fields, slugs, names);
  }

  private static int limit(ObjectNode body) {
    String name = body.hasNonNull("limit") ? "limit" : "count";
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return DEFAULT_LIMIT;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ApiRejection.invalidRequest(name + " must be an integer between 1 and 1000.");
    }
    int limit = value.asInt();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiRejection.invalidRequest(
          name + " must be between 1 and " + MAX_LIMIT + ", got " + limit + ".");
    }
    return limit;
  }

  private static List<String> strings(JsonNode parent, String name) {
    JsonNode array = parent.path(name);
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw ApiRejection.invalidRequest("post_processing." + name + " must be an array.");
    }
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
