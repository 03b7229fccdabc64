package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Person Search's {@code sorts} (spec §7): {@code [{"field", "order": "asc"|"desc"}]} over the
 * sortable fields, applied in order; ties always fall back to {@code crustdata_person_id}
 * ascending, so every query has one total order and cursors stay stable.
 *
 * <p>Threading notes: stateless.
 */
final class SearchSorts {

  /** A person's sort key for one field. */
  @FunctionalInterface
  private interface Key {
    Comparable<?> of(SearchIndex index, int person);
  }

  private static final Map<String, Key> SORTABLE = new LinkedHashMap<>();

  static {
    SORTABLE.put("crustdata_person_id", SearchIndex::personId);
    SORTABLE.put("basic_profile.name", SearchIndex::name);
    SORTABLE.put("professional_network.connections", SearchIndex::connections);
    SORTABLE.put("experience.employment_details.start_date", SearchIndex::currentStartDate);
    SORTABLE.put("experience.employment_details.company_id", SearchIndex::companyId);
    SORTABLE.put("metadata.updated_at", SearchIndex::updatedAt);
  }

  private SearchSorts() {}

  /** A validated order, applied to an index when the query runs. */
  @FunctionalInterface
  interface Order {
    Comparator<Integer> over(SearchIndex index);
  }

  /** The person order {@code sorts} asks for (absent or empty: by person id), or a 400. */
  static Order compile(JsonNode sorts) {
    List<Order> parts = new ArrayList<>();
    if (sorts != null && !sorts.isNull()) {
      if (!sorts.isArray()) {
        throw ApiRejection.invalidRequest("sorts must be an array of {field, order}.");
      }
      for (JsonNode sort : sorts) {
        parts.add(one(sort));
      }
    }
    return index -> {
      Comparator<Integer> order = (a, b) -> 0;
      for (Order part : parts) {
        order = order.thenComparing(part.over(index));
      }
      return order.thenComparingInt(i -> i);
    };
  }

  static List<String> sortableFields() {
    return List.copyOf(SORTABLE.keySet());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Order one(JsonNode sort) {
    String field = sort.path("field").asText("");
    Key key = SORTABLE.get(field);
    if (key == null) {
      throw ApiRejection.invalidRequest(
          "Unsupported sort field: '"
              + field
              + "'. Sortable fields: "
              + SearchFilter.pythonList(sortableFields()));
    }
    String order = sort.path("order").asText("asc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw ApiRejection.invalidRequest(
          "Unsupported sort order: '" + order + "'. Use 'asc' or 'desc'.");
    }
    boolean ascending = order.equals("asc");
    return index -> {
      Comparator<Integer> up =
          Comparator.comparing(i -> (Comparable) key.of(index, i), Comparator.naturalOrder());
      return ascending ? up : up.reversed();
    };
  }
}
