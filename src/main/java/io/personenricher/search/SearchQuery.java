package io.personenricher.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.client.SearchProtocol;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.model.avro.SearchSort;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The next page's API request of a search: its filters and sorts as the API takes them, the rest of
 * its limit (at most the page size), the cursor of the page before, and a projection onto the
 * profile URL (all the enrich step needs; search profiles cost the same whatever they carry). Pure.
 *
 * <p>Threading notes: stateless.
 */
final class SearchQuery {

  /** Trees deeper than this are refused before they are sent: the API refuses them too. */
  static final int MAX_FILTER_DEPTH = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchQuery() {}

  static SearchPageRequest nextPage(SearchState state, int pageSize) {
    PersonSearchRequest request = state.request();
    List<JsonNode> sorts = new ArrayList<>();
    for (SearchSort sort : request.getSorts()) {
      sorts.add(
          JSON.createObjectNode().put("field", sort.getField()).put("order", sort.getOrder()));
    }
    return new SearchPageRequest(
        filters(request.getFilters()),
        sorts,
        state.pageLimit(pageSize),
        state.pages().cursor(),
        List.of(SearchProtocol.PROFILE_URL_PATH));
  }

  /**
   * A filter node as JSON: the keys that are set, {@code value} parsed as JSON text (text that is
   * none goes as a string). The tree's depth is bounded by {@link #depth} at admission.
   */
  static JsonNode filters(SearchFilter node) {
    ObjectNode out = JSON.createObjectNode();
    if (node.getField() != null) {
      out.put("field", node.getField());
    }
    if (node.getType() != null) {
      out.put("type", node.getType());
    }
    if (node.getValue() != null) {
      out.set("value", value(node.getValue()));
    }
    if (node.getOp() != null) {
      out.put("op", node.getOp());
    }
    if (node.getOp() != null || !node.getConditions().isEmpty()) {
      ArrayNode conditions = out.putArray("conditions");
      node.getConditions().forEach(child -> conditions.add(filters(child)));
    }
    return out;
  }

  /** The tree's depth (a lone condition is 1), counted without recursion. */
  static int depth(SearchFilter root) {
    int deepest = 0;
    Deque<Map.Entry<SearchFilter, Integer>> open = new ArrayDeque<>();
    open.push(Map.entry(root, 1));
    while (!open.isEmpty()) {
      Map.Entry<SearchFilter, Integer> next = open.pop();
      deepest = Math.max(deepest, next.getValue());
      if (deepest > MAX_FILTER_DEPTH) {
        return deepest;
      }
      for (SearchFilter child : next.getKey().getConditions()) {
        open.push(Map.entry(child, next.getValue() + 1));
      }
    }
    return deepest;
  }

  private static JsonNode value(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
