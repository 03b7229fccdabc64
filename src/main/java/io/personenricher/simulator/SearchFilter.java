package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Person Search's {@code filters} (spec §7), compiled into a test over the {@link SearchIndex}: a
 * condition {@code {"field", "type", "value"}} or a group {@code {"op": "and"|"or", "conditions":
 * [...]}}, nestable. Operators: {@code =}, {@code !=}, {@code <}, {@code =<}, {@code >}, {@code
 * =>}, {@code in}, {@code not_in} (lists), {@code (.)} (a case-insensitive regular expression found
 * anywhere, {@code |} meaning or), {@code [.]} (an exact phrase, whole words, ignoring case).
 * Anything malformed is a 400 {@code invalid_request} naming what to fix.
 *
 * <p>Threading notes: compiled conditions are immutable.
 */
final class SearchFilter {

  /** A compiled filter. */
  @FunctionalInterface
  interface Condition {
    boolean test(SearchIndex index, int person);
  }

  static final List<String> OPERATORS =
      List.of("=", "!=", "<", "=<", ">", "=>", "in", "not_in", "(.)", "[.]");

  /** Deeper trees are refused: no real query needs them, and recursion must stay bounded. */
  static final int MAX_DEPTH = 16;

  private SearchFilter() {}

  static Condition compile(JsonNode filters) {
    if (filters == null || filters.isNull()) {
      throw ApiRejection.invalidRequest("filters is required.");
    }
    return node(filters, 0);
  }

  private static Condition node(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiRejection.invalidRequest("filters nest deeper than " + MAX_DEPTH + " levels.");
    }
    if (!node.isObject()) {
      throw ApiRejection.invalidRequest(
          "Each filter is a condition {field, type, value} or a group {op, conditions}.");
    }
    if (node.has("conditions")) {
      return group(node, depth);
    }
    if (node.has("field")) {
      return condition(node);
    }
    throw ApiRejection.invalidRequest(
        "Each filter is a condition {field, type, value} or a group {op, conditions}.");
  }

  private static Condition group(JsonNode node, int depth) {
    String op = node.path("op").asText("");
    if (!op.equals("and") && !op.equals("or")) {
      throw ApiRejection.invalidRequest(
          "Unsupported filter group op: '" + op + "'. Use 'and' or 'or'.");
    }
    JsonNode conditions = node.get("conditions");
    if (!conditions.isArray() || conditions.isEmpty()) {
      throw ApiRejection.invalidRequest("A filter group needs a non-empty conditions array.");
    }
    List<Condition> parts = new ArrayList<>();
    conditions.forEach(c -> parts.add(node(c, depth + 1)));
    return op.equals("and")
        ? (x, i) -> parts.stream().allMatch(c -> c.test(x, i))
        : (x, i) -> parts.stream().anyMatch(c -> c.test(x, i));
  }

  private static Condition condition(JsonNode node) {
    String path = node.get("field").asText();
    if (path.equals(SearchField.PROFILE_URL)) {
      throw ApiRejection.invalidRequest(
          "Unsupported filter field: '"
              + path
              + "'. Profile URLs are returned by search but cannot be filtered on: use"
              + " /person/enrich to look them up.");
    }
    SearchField field =
        SearchField.named(path)
            .orElseThrow(
                () ->
                    ApiRejection.invalidRequest(
                        "Unsupported filter field: '"
                            + path
                            + "'. Supported fields: "
                            + pythonList(SearchField.paths())));
    String op = node.path("type").asText(null);
    if (op == null || !OPERATORS.contains(op)) {
      throw ApiRejection.invalidRequest(
          "Unsupported operator: '" + op + "'. Supported operators: " + pythonList(OPERATORS));
    }
    if (!node.has("value") || node.get("value").isNull()) {
      throw ApiRejection.invalidRequest("Filter on '" + path + "' needs a value.");
    }
    Predicate<Object> test = operator(op, field, node.get("value"));
    return (x, i) -> {
      boolean any = false;
      for (Object v : field.values(x, i)) {
        any |= test.test(v);
      }
      return negative(op) != any;
    };
  }

  /** The negative operators hold when no value matches their positive twin. */
  private static boolean negative(String op) {
    return op.equals("!=") || op.equals("not_in");
  }

  private static Predicate<Object> operator(String op, SearchField field, JsonNode value) {
    return switch (op) {
      case "=", "!=" -> {
        Object expected = scalar(field, value, op);
        yield v -> compare(field, v, expected) == 0;
      }
      case "<", "=<", ">", "=>" -> {
        if (field.type() == SearchField.Type.BOOLEAN) {
          throw unsupportedFor(op, field);
        }
        Object bound = scalar(field, value, op);
        yield v -> {
          int c = compare(field, v, bound);
          return switch (op) {
            case "<" -> c < 0;
            case "=<" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
          };
        };
      }
      case "in", "not_in" -> {
        if (!value.isArray()) {
          throw ApiRejection.invalidRequest(
              "Operator '" + op + "' requires a list value, got: " + value.getNodeType() + ".");
        }
        List<Object> options = new ArrayList<>();
        value.forEach(v -> options.add(scalar(field, v, op)));
        yield v -> options.stream().anyMatch(o -> compare(field, v, o) == 0);
      }
      default -> {
        if (field.type() == SearchField.Type.NUMBER || field.type() == SearchField.Type.BOOLEAN) {
          throw unsupportedFor(op, field);
        }
        Pattern pattern = pattern(op, value);
        yield v -> pattern.matcher((String) v).find();
      }
    };
  }

  private static Pattern pattern(String op, JsonNode value) {
    if (!value.isTextual()) {
      throw ApiRejection.invalidRequest("Operator '" + op + "' requires a string value.");
    }
    String text = value.asText();
    try {
      return op.equals("(.)")
          ? Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
          : Pattern.compile(
              "(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw ApiRejection.invalidRequest("Invalid regular expression for '(.)': " + text);
    }
  }

  /** The operand as the field's type: lower-case text, a Double, a Boolean. */
  private static Object scalar(SearchField field, JsonNode value, String op) {
    switch (field.type()) {
      case NUMBER -> {
        if (value.isNumber()) {
          return value.asDouble();
        }
        try {
          return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
          throw ApiRejection.invalidRequest(
              "Operator '" + op + "' on '" + field.path() + "' needs a number, got: " + value);
        }
      }
      case BOOLEAN -> {
        if (value.isBoolean()) {
          return value.asBoolean();
        }
        String text = value.asText().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
          throw ApiRejection.invalidRequest(
              "Operator '" + op + "' on '" + field.path() + "' needs true or false, got: " + value);
        }
        return Boolean.parseBoolean(text);
      }
      default -> {
        if (!value.isValueNode()) {
          throw ApiRejection.invalidRequest(
              "Operator '" + op + "' on '" + field.path() + "' needs a scalar value.");
        }
        return value.asText().toLowerCase(Locale.ROOT);
      }
    }
  }

  private static int compare(SearchField field, Object value, Object operand) {
    return switch (field.type()) {
      case NUMBER -> Double.compare((Double) value, (Double) operand);
      case BOOLEAN -> Boolean.compare((Boolean) value, (Boolean) operand);
      case DATE -> {
        String v = ((String) value).toLowerCase(Locale.ROOT);
        String o = (String) operand;
        yield v.substring(0, Math.min(v.length(), o.length())).compareTo(o);
      }
      case TEXT -> ((String) value).toLowerCase(Locale.ROOT).compareTo((String) operand);
    };
  }

  private static ApiRejection unsupportedFor(String op, SearchField field) {
    return ApiRejection.invalidRequest(
        "Operator '"
            + op
            + "' is not supported for "
            + field.type().name().toLowerCase(Locale.ROOT)
            + " field '"
            + field.path()
            + "'.");
  }

  /** {@code ['a', 'b']}: how the API's messages print lists. */
  static String pythonList(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
