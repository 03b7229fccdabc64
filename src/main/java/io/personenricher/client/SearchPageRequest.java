package io.personenricher.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One {@code POST /person/search} call: a page of a search (spec §7).
 *
 * @param filters the filter tree exactly as the API takes it ({@code {field, type, value}} or
 *     {@code {op, conditions}}); the API, not the client, judges it
 * @param sorts {@code [{field, order}]}; empty for none (the API's default order)
 * @param limit the page size asked for; sent as given, so an out-of-range value gets the API's own
 *     400 and message
 * @param cursor the previous page's {@code next_cursor}, or null for the first page
 * @param fields the {@code fields} projection of the returned profiles; empty for whole profiles
 */
public record SearchPageRequest(
    JsonNode filters, List<JsonNode> sorts, int limit, String cursor, List<String> fields) {

  public SearchPageRequest {
    Objects.requireNonNull(filters, "filters");
    sorts = List.copyOf(sorts);
    fields = List.copyOf(fields);
  }
}
