package io.personenricher.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads identifier events from CSV (with a header row) or JSON lines, for {@code enricher produce}
 * and the demo.
 *
 * <p>Columns / JSON fields: {@code key} (required, the record key), {@code type} (required: {@code
 * email}, {@code business_email} or {@code BUSINESS_EMAIL}; {@code url}, {@code profile_url} or
 * {@code PROFESSIONAL_NETWORK_PROFILE_URL}; case-insensitive), {@code identifier} (required),
 * {@code min_similarity_score} (optional number) and {@code fields} (optional; {@code ;}-separated
 * in CSV, an array or a {@code ;}-separated string in JSON). CSV values may be double-quoted (RFC
 * 4180 quoting, one line per record). Blank lines and lines starting with {@code #} are skipped
 * silently; every other line becomes either an event or a {@link ParsedLine.Bad} with its line
 * number. Only the shape is checked here: whether an identifier is a valid email or profile URL is
 * the processor's call (it dead-letters with a reason), so the file's events reach the topic as
 * written.
 */
public final class IdentifierFileReader {

  /** The file formats, chosen by extension. */
  public enum Format {
    CSV,
    JSONL;

    /** {@code .csv} → CSV; {@code .jsonl}/{@code .ndjson}/{@code .json} → JSONL. */
    public static Format of(String fileName) {
      String name = fileName.toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
        return JSONL;
      }
      throw new IllegalArgumentException(
          "cannot tell the format of "
              + fileName
              + ": name it *.csv (with a header row) or *.jsonl");
    }
  }

  static final List<String> REQUIRED_COLUMNS = List.of("key", "type", "identifier");
  static final List<String> OPTIONAL_COLUMNS = List.of("min_similarity_score", "fields");
  private static final ObjectMapper JSON = new ObjectMapper();

  private IdentifierFileReader() {}

  /**
   * Reads every line, handing each parsed line to {@code sink} in file order.
   *
   * @throws IllegalArgumentException when the CSV header lacks a required column (nothing can be
   *     read then)
   */
  public static void read(BufferedReader in, Format format, Consumer<ParsedLine> sink) {
    try {
      if (format == Format.CSV) {
        readCsv(in, sink);
      } else {
        readJsonLines(in, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads everything into a list (for small files and tests). */
  public static List<ParsedLine> readAll(BufferedReader in, Format format) {
    List<ParsedLine> lines = new ArrayList<>();
    read(in, format, lines::add);
    return lines;
  }

  private static void readCsv(BufferedReader in, Consumer<ParsedLine> sink) throws IOException {
    String header = in.readLine();
    int lineNumber = 1;
    while (header != null && skippable(header)) {
      header = in.readLine();
      lineNumber++;
    }
    if (header == null) {
      return;
    }
    List<String> names =
        splitCsv(stripBom(header)).stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      column.putIfAbsent(names.get(i), i);
    }
    List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !column.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the CSV header (line "
              + lineNumber
              + ") lacks column(s) "
              + missing
              + "; expected a header like: key,type,identifier,min_similarity_score,fields");
    }
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (skippable(line)) {
        continue;
      }
      List<String> cells;
      try {
        cells = splitCsv(line);
      } catch (IllegalArgumentException e) {
        sink.accept(new ParsedLine.Bad(lineNumber, e.getMessage()));
        continue;
      }
      if (cells.size() > names.size()) {
        sink.accept(
            new ParsedLine.Bad(
                lineNumber,
                "has "
                    + cells.size()
                    + " values but the header has "
                    + names.size()
                    + " columns (quote values that contain commas)"));
        continue;
      }
      Map<String, String> values = new HashMap<>();
      column.forEach(
          (name, index) -> values.put(name, index < cells.size() ? cells.get(index) : ""));
      sink.accept(
          toEvent(
              lineNumber,
              values.get("key"),
              values.get("type"),
              values.get("identifier"),
              values.get("min_similarity_score"),
              values.get("fields") == null ? null : splitFields(values.get("fields"))));
    }
  }

  private static void readJsonLines(BufferedReader in, Consumer<ParsedLine> sink)
      throws IOException {
    String line;
    int lineNumber = 0;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (skippable(line)) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        sink.accept(
            new ParsedLine.Bad(lineNumber, "not valid JSON (" + firstLine(e.getMessage()) + ")"));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.accept(new ParsedLine.Bad(lineNumber, "expected a JSON object per line"));
        continue;
      }
      JsonNode fieldsNode = node.get("fields");
      List<String> fields;
      if (fieldsNode == null || fieldsNode.isNull()) {
        fields = null;
      } else if (fieldsNode.isArray()) {
        fields = new ArrayList<>();
        for (JsonNode f : fieldsNode) {
          if (!f.isTextual()) {
            sink.accept(new ParsedLine.Bad(lineNumber, "fields must be an array of strings"));
            fields = null;
            break;
          }
          fields.add(f.asText().trim());
        }
        if (fields == null) {
          continue;
        }
      } else if (fieldsNode.isTextual()) {
        fields = splitFields(fieldsNode.asText());
      } else {
        sink.accept(
            new ParsedLine.Bad(
                lineNumber, "fields must be an array of strings or a ;-separated string"));
        continue;
      }
      JsonNode score = node.get("min_similarity_score");
      String scoreText =
          score == null || score.isNull()
              ? null
              : score.isNumber()
                  ? score.asText()
                  : score.isTextual() ? score.asText() : "not-a-number:" + score;
      sink.accept(
          toEvent(
              lineNumber,
              text(node, "key"),
              text(node, "type"),
              text(node, "identifier"),
              scoreText,
              fields));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull()
        ? null
        : value.isValueNode() ? value.asText() : value.toString();
  }

  static ParsedLine toEvent(
      int lineNumber,
      String key,
      String type,
      String identifier,
      String score,
      List<String> fields) {
    if (key == null || key.isBlank()) {
      return new ParsedLine.Bad(lineNumber, "key is empty (every event needs a record key)");
    }
    IdentifierType identifierType = identifierType(type);
    if (identifierType == null) {
      return new ParsedLine.Bad(
          lineNumber,
          "type "
              + (type == null || type.isBlank() ? "is empty" : "'" + type + "' is unknown")
              + " (use email/business_email or url/profile_url)");
    }
    if (identifier == null || identifier.isBlank()) {
      return new ParsedLine.Bad(lineNumber, "identifier is empty");
    }
    Double minScore = null;
    if (score != null && !score.isBlank()) {
      try {
        minScore = Double.parseDouble(score.trim());
      } catch (NumberFormatException e) {
        return new ParsedLine.Bad(
            lineNumber, "min_similarity_score '" + score.trim() + "' is not a number");
      }
    }
    IdentifierEvent event =
        IdentifierEvent.newBuilder()
            .setIdentifierType(identifierType)
            .setIdentifier(identifier.trim())
            .setMinSimilarityScore(minScore)
            .setFields(fields == null || fields.isEmpty() ? null : fields)
            .build();
    return new ParsedLine.Event(lineNumber, key.trim(), event);
  }

  /** The identifier type for a column value, or null when unknown. */
  static IdentifierType identifierType(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "email", "business_email" -> IdentifierType.BUSINESS_EMAIL;
      case "url", "profile_url", "professional_network_profile_url" ->
          IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL;
      default -> null;
    };
  }

  private static List<String> splitFields(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Splits one CSV line; double quotes enclose values with commas, {@code ""} is a quote inside
   * them.
   */
  static List<String> splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        cell.setLength(0);
      } else if (c == ',') {
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        cell.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted) {
        // Only whitespace may follow a closing quote; it is not part of the value.
        if (!Character.isWhitespace(c)) {
          throw new IllegalArgumentException(
              "unexpected character after a closing quote at column " + (i + 1));
        }
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          "a quoted value is not closed (multi-line values are not supported)");
    }
    cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
    return cells;
  }

  private static boolean skippable(String line) {
    String t = line.trim();
    return t.isEmpty() || t.startsWith("#");
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
