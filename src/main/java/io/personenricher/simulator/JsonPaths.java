package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Dotted paths over JSON records, the way the API's {@code fields} address them: through arrays
 * element by element ({@code experience.employment_details.current.title} keeps the title of every
 * current job).
 *
 * <p>Threading notes: stateless.
 */
final class JsonPaths {

  private JsonPaths() {}

  /** Only the leaf at {@code path} inside {@code node}, with its enclosing structure; or null. */
  static JsonNode project(JsonNode node, String[] path) {
    return projectPath(node, path, 0);
  }

  /**
   * Adds the subtree of {@code full} at the dotted {@code path} to {@code out}, merged with what
   * {@code out} already has.
   */
  static void copyPath(ObjectNode full, ObjectNode out, String path) {
    String[] parts = path.split("\\.");
    JsonNode projected = project(full, parts);
    if (projected != null) {
      merge(out, projected);
    }
  }

  /** Every dotted path below {@code node}, each prefixed with {@code prefix}. */
  static void collect(String prefix, JsonNode node, Set<String> paths) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(prefix, element, paths);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = prefix + "." + e.getKey();
      paths.add(path);
      collect(path, e.getValue(), paths);
    }
  }

  /** {@code from} merged into {@code into} (objects key by key, equal-length arrays by index). */
  static JsonNode merge(JsonNode into, JsonNode from) {
    if (into.isObject() && from.isObject()) {
      ObjectNode target = (ObjectNode) into;
      for (Map.Entry<String, JsonNode> e : from.properties()) {
        JsonNode existing = target.get(e.getKey());
        target.set(e.getKey(), existing == null ? e.getValue() : merge(existing, e.getValue()));
      }
      return target;
    }
    if (into.isArray() && from.isArray() && into.size() == from.size()) {
      ArrayNode target = (ArrayNode) into;
      for (int i = 0; i < target.size(); i++) {
        target.set(i, merge(target.get(i), from.get(i)));
      }
      return target;
    }
    return from;
  }

  private static JsonNode projectPath(JsonNode node, String[] path, int depth) {
    if (depth == path.length) {
      return node.deepCopy();
    }
    if (node.isArray()) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : node) {
        JsonNode projected = projectPath(element, path, depth);
        if (projected != null) {
          result.add(projected);
        }
      }
      return result;
    }
    if (!node.isObject()) {
      return null;
    }
    JsonNode child = node.get(path[depth]);
    if (child == null) {
      return null;
    }
    JsonNode projected = projectPath(child, path, depth + 1);
    if (projected == null) {
      return null;
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set(path[depth], projected);
    return result;
  }
}
