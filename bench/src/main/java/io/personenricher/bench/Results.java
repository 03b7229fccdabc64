package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one run measured: the summary table (one row per figure, with its goal and whether it was met) and
 * the raw details per scenario for the JSON file.
 *
 * <p>Threading notes: one thread (the harness's main) writes it.
 */
final class Results {

  /** A figure of the table. {@code verdict} is "met", "NOT met" or "" for figures without a goal. */
  record Row(String scenario, String figure, String value, String goal, String verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final Map<String, Object> machine = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  void row(String scenario, String figure, String value, String goal, Boolean met) {
    rows.add(new Row(scenario, figure, value, goal, met == null ? "" : met ? "met" : "NOT met"));
    System.out.printf(Locale.ROOT, "  %-22s %-48s %-22s %s %s%n", scenario, figure, value,
        goal.isEmpty() ? "" : "(goal " + goal + ")", met == null ? "" : met ? "met" : "NOT met");
  }

  void info(String scenario, String figure, String value) {
    row(scenario, figure, value, "", null);
  }

  void details(String scenario, Map<String, Object> values) {
    details.put(scenario, values);
  }

  Map<String, Object> machine() {
    return machine;
  }

  void note(String note) {
    notes.add(note);
  }

  List<Row> rows() {
    return rows;
  }

  /** The summary table as Markdown. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append("| scenario | figure | value | goal | verdict |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| ").append(r.scenario()).append(" | ").append(r.figure()).append(" | ").append(r.value())
          .append(" | ").append(r.goal()).append(" | ").append(r.verdict().isEmpty() ? "" : "**" + r.verdict() + "**")
          .append(" |\n");
    }
    return out.toString();
  }

  /** The summary table as plain text for the console. */
  String consoleTable() {
    StringBuilder out = new StringBuilder();
    String format = "%-18s | %-50s | %-24s | %-16s | %s%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "figure", "value", "goal", "verdict"));
    out.append("-".repeat(130)).append('\n');
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, format, r.scenario(), r.figure(), r.value(), r.goal(), r.verdict()));
    }
    return out.toString();
  }

  void writeJson(Path file, Map<String, Object> run) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", run);
    root.put("machine", machine);
    root.put("summary", rows);
    root.put("scenarios", details);
    root.put("notes", notes);
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> notes() {
    return notes;
  }

  /** Rows, details and notes as one JSON document, for a scenario measured in a JVM of its own. */
  String measuredAsJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("details", details);
    out.put("notes", notes);
    try {
      return new ObjectMapper().writeValueAsString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes in what {@link #measuredAsJson} wrote in another JVM, row by row as if measured here. */
  @SuppressWarnings("unchecked")
  void absorb(JsonNode measured) {
    ObjectMapper json = new ObjectMapper();
    for (JsonNode r : measured.get("rows")) {
      String verdict = r.get("verdict").asText();
      row(r.get("scenario").asText(), r.get("figure").asText(), r.get("value").asText(), r.get("goal").asText(),
          verdict.isEmpty() ? null : verdict.equals("met"));
    }
    measured.get("details").properties().forEach(e -> details.put(e.getKey(),
        json.convertValue(e.getValue(), Map.class)));
    measured.get("notes").forEach(n -> notes.add(n.asText()));
  }

  static String f(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
