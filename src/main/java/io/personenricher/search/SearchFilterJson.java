package io.personenricher.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.model.avro.SearchFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a filter tree as the API documents it ({@code {field, type, value}} or {@code {op,
 * conditions}}, nestable) into the {@link SearchFilter} of the request contract, each {@code value}
 * kept as its JSON text. Only the shape is checked here; the API judges fields and operators.
 *
 * <p>Threading notes: stateless.
 */
public final class SearchFilterJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchFilterJson() {}

  /**
   * @throws IllegalArgumentException naming what is wrong: not JSON, not an object, neither a
   *     condition nor a group, or nested deeper than {@value SearchQuery#MAX_FILTER_DEPTH}
   */
  public static SearchFilter parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the filters are not JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("the filters are empty");
    }
    return filter(node, 1);
  }

  private static SearchFilter filter(JsonNode node, int depth) {
    if (depth > SearchQuery.MAX_FILTER_DEPTH) {
      throw new IllegalArgumentException(
          "the filters nest deeper than " + SearchQuery.MAX_FILTER_DEPTH + " levels");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("a filter must be a JSON object, got: " + node);
    }
    SearchFilter.Builder builder = SearchFilter.newBuilder();
    if (node.hasNonNull("op") || node.has("conditions")) {
      JsonNode conditions = node.path("conditions");
      if (!conditions.isArray()) {
        throw new IllegalArgumentException("a filter group needs a conditions array: " + node);
      }
      List<SearchFilter> children = new ArrayList<>();
      conditions.forEach(child -> children.add(filter(child, depth + 1)));
      return builder.setOp(node.path("op").asText(null)).setConditions(children).build();
    }
    if (!node.hasNonNull("field")) {
      throw new IllegalArgumentException(
          "a filter is a condition {field, type, value} or a group {op, conditions}: " + node);
    }
    return builder
        .setField(node.get("field").asText())
        .setType(node.path("type").asText(null))
        .setValue(node.has("value") ? node.get("value").toString() : null)
        .build();
  }
}
