package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's {@code fields}: an array of strings or one comma-separated string (spec §3.3);
 * absent or null means none were asked for.
 *
 * <p>Threading notes: stateless.
 */
final class FieldsParameter {

  private FieldsParameter() {}

  static List<String> read(ObjectNode body) {
    List<String> fields = new ArrayList<>();
    JsonNode node = body.get("fields");
    if (node == null || node.isNull()) {
      return fields;
    }
    if (node.isTextual()) {
      for (String f : node.asText().split(",")) {
        if (!f.isBlank()) {
          fields.add(f.trim());
        }
      }
      return fields;
    }
    if (node.isArray()) {
      for (JsonNode f : node) {
        if (!f.isTextual()) {
          throw ApiRejection.invalidRequest("fields must be an array of strings.");
        }
        fields.add(f.asText().trim());
      }
      return fields;
    }
    throw ApiRejection.invalidRequest("fields must be an array of strings.");
  }
}
