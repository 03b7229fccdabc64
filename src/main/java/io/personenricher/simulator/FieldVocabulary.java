package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The {@code fields} values an endpoint accepts, and the 400 for any other (spec §2.2).
 *
 * <p>Threading notes: immutable.
 */
final class FieldVocabulary {

  private final List<String> available;
  private final Set<String> lookup;

  /** {@code fields} in the order {@code metadata.available_fields} lists them. */
  FieldVocabulary(Collection<String> fields) {
    this.available = List.copyOf(fields);
    this.lookup = Set.copyOf(fields);
  }

  List<String> available() {
    return available;
  }

  boolean supports(String field) {
    return lookup.contains(field);
  }

  /**
   * Nothing, or a 400 {@code invalid_request} naming the unsupported fields with every selectable
   * one in {@code metadata.available_fields}.
   */
  void requireSupported(List<String> requested) {
    List<String> unsupported = requested.stream().filter(f -> !supports(f)).toList();
    if (!unsupported.isEmpty()) {
      ObjectNode metadata = JsonNodeFactory.instance.objectNode();
      available.forEach(metadata.putArray("available_fields")::add);
      throw new ApiRejection(
          ApiAnswer.error(
              400, "invalid_request", "Unsupported field(s): " + unsupported, metadata));
    }
  }
}
