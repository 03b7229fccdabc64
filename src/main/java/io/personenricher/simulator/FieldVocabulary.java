package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The {@code fields} values an endpoint accepts, and the 400 for any other (spec §2.2). */
interface FieldVocabulary {

  /** Every selectable value, in the order {@code metadata.available_fields} lists them. */
  List<String> available();

  boolean supports(String field);

  /**
   * Nothing, or a 400 {@code invalid_request} naming the unsupported fields with every selectable
   * one in {@code metadata.available_fields}.
   */
  default void requireSupported(List<String> requested) {
    List<String> unsupported = requested.stream().filter(f -> !supports(f)).toList();
    if (!unsupported.isEmpty()) {
      ObjectNode metadata = JsonNodeFactory.instance.objectNode();
      available().forEach(metadata.putArray("available_fields")::add);
      throw new ApiRejection(
          ApiAnswer.error(
              400, "invalid_request", "Unsupported field(s): " + unsupported, metadata));
    }
  }
}
