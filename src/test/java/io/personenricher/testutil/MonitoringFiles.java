package io.personenricher.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard and Prometheus alert rules under {@code deploy/monitoring/}, read for tests
 * that check every metric they query exists, and the metric names of a Prometheus text scrape.
 */
public final class MonitoringFiles {

  public static final Path DASHBOARD = Path.of("deploy/monitoring/grafana-dashboard.json");
  public static final Path ALERTS = Path.of("deploy/monitoring/prometheus-alerts.yaml");

  /** A metric name of ours or of the Kafka clients, not preceded by part of another name. */
  private static final Pattern METRIC =
      Pattern.compile("(?<![A-Za-z0-9_:])((?:enricher|kafka)_[A-Za-z0-9_]+)");

  private MonitoringFiles() {}

  public static JsonNode dashboard() {
    try {
      return new ObjectMapper().readTree(DASHBOARD.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode alertRules() {
    try {
      return new YAMLMapper().readTree(ALERTS.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel query of the dashboard. */
  public static List<String> dashboardExpressions() {
    List<String> expressions = new ArrayList<>();
    dashboard()
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
    return expressions;
  }

  /** Alert name to expression, over every group. */
  public static Map<String, String> alertExpressions() {
    Map<String, String> alerts = new LinkedHashMap<>();
    alertRules()
        .path("groups")
        .forEach(
            g ->
                g.path("rules")
                    .forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText())));
    return alerts;
  }

  /** The metric names both files query. */
  public static Set<String> referencedMetrics() {
    List<String> all = new ArrayList<>(dashboardExpressions());
    all.addAll(alertExpressions().values());
    return metricNames(all);
  }

  static Set<String> metricNames(Collection<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String expression : expressions) {
      Matcher m = METRIC.matcher(expression);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The sample names of a Prometheus text exposition (with their _total, _bucket... suffixes). */
  public static Set<String> scrapedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
    }
    return names;
  }
}
