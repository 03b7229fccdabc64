package io.personenricher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The benchmark harness (issues 6 and 14): starts a real broker, a real registry and the API simulator, runs the
 * seven scenarios one after the other in this run, prints the summary table and writes
 * {@code bench/results/<date>.md} and {@code .json} ({@code <date>-2.*} and on when those exist). Started by
 * {@code bench/run}; see bench/README.md.
 *
 * <p>Arguments: {@code [--smoke] [--only 1,3,...] [--results DIR] [--pc-dir DIR] [--budget-minutes N]}. The
 * budget (default 13.5 minutes, leaving the build its share of the 15) caps scenario 6, the only open-ended one:
 * it gets whatever time is left.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    BenchPlan plan = options.containsKey("smoke") ? BenchPlan.smoke() : BenchPlan.full();
    Set<Integer> only = new TreeSet<>();
    if (options.containsKey("only")) {
      for (String n : options.get("only").split(",")) {
        only.add(Integer.parseInt(n.trim()));
      }
    }
    Path resultsDir = Path.of(options.getOrDefault("results", "bench/results"));
    Path pcDir = Path.of(options.getOrDefault("pc-dir", "bench/parallel-consumer"));
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String baseName = date + (plan.name().equals("full") && only.isEmpty() ? "" : "-" + plan.name()
        + (only.isEmpty() ? "" : "-only" + String.join("", only.stream().map(String::valueOf).toList())));

    Results results = new Results();
    MachineInfo.describe(results.machine());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("plan", plan.toString());
    run.put("startedAt", Instant.now().toString());
    run.put("loadAverageAtStart", MachineInfo.loadAverage());
    run.put("busiestProcessesAtStart", MachineInfo.busiestProcesses(8));
    long started = System.nanoTime();
    long deadline = started + (long) (Double.parseDouble(options.getOrDefault("budget-minutes", "13.5")) * 60e9);
    System.out.println("bench: plan " + plan.name() + ", load average " + MachineInfo.loadAverage());

    Map<String, Long> scenarioSeconds = new LinkedHashMap<>();
    try (BenchInfra infra = BenchInfra.start()) {
      run.put("infraStartSeconds", (System.nanoTime() - started) / 1e9);
      System.out.println("bench: broker " + infra.bootstrap() + ", registry " + infra.registryUrl());
      Map<Integer, PipelineDrain> latencyRuns = new HashMap<>();
      scenario(1, only, results, scenarioSeconds, () -> ThroughputScenarios.quotaBound(infra, plan, results));
      scenario(2, only, results, scenarioSeconds,
          () -> latencyRuns.putAll(ThroughputScenarios.latencyBound(infra, plan, results)));
      scenario(3, only, results, scenarioSeconds, () -> OverheadScenario.run(infra, plan, results,
          Path.of("target", "bench-overhead-" + date + ".jfr").toAbsolutePath()));
      scenario(4, only, results, scenarioSeconds,
          () -> BaselineScenarios.run(infra, plan, results, latencyRuns, pcDir));
      scenario(5, only, results, scenarioSeconds, () -> LowLoadScenario.run(infra, plan, results));
      scenario(8, only, results, scenarioSeconds, () -> QuotaScenarios.sharedKey(infra, plan, results));
      scenario(9, only, results, scenarioSeconds, () -> QuotaScenarios.burstyArrival(infra, plan, results));
      scenario(10, only, results, scenarioSeconds, () -> QuotaScenarios.realWindow(infra, plan, results));
      scenario(11, only, results, scenarioSeconds, () -> ReuseScenario.run(infra, plan, results));
      // Before 6, which takes whatever the budget leaves.
      scenario(7, only, results, scenarioSeconds, () -> IdleScenario.run(infra, plan, results));
      scenario(6, only, results, scenarioSeconds, () -> MemoryScenario.run(infra, plan, results, deadline));
    }
    run.put("scenarioSeconds", scenarioSeconds);
    run.put("totalSeconds", (System.nanoTime() - started) / 1e9);
    run.put("loadAverageAtEnd", MachineInfo.loadAverage());
    run.put("busiestProcessesAtEnd", MachineInfo.busiestProcesses(8));
    run.put("finishedAt", Instant.now().toString());

    System.out.println();
    System.out.println(results.consoleTable());
    String freeName = freeName(resultsDir, baseName);
    Path json = resultsDir.resolve(freeName + ".json");
    Path markdown = resultsDir.resolve(freeName + ".md");
    results.writeJson(json, run);
    writeMarkdown(markdown, plan, results, run);
    System.out.printf("bench: %.0f s in total; wrote %s and %s%n", (System.nanoTime() - started) / 1e9, markdown,
        json);
    System.exit(0);
  }

  /** {@code baseName}, or {@code baseName-2}, {@code -3}, ...: a second run on one day keeps the first's files. */
  private static String freeName(Path dir, String baseName) {
    String name = baseName;
    for (int n = 2; Files.exists(dir.resolve(name + ".md")) || Files.exists(dir.resolve(name + ".json")); n++) {
      name = baseName + "-" + n;
    }
    return name;
  }

  private static void scenario(int number, Set<Integer> only, Results results, Map<String, Long> seconds,
      Runnable body) {
    if (!only.isEmpty() && !only.contains(number)) {
      return;
    }
    System.out.println("bench: scenario " + number + " (load average " + MachineInfo.loadAverage() + ")");
    long start = System.nanoTime();
    try {
      body.run();
    } catch (RuntimeException e) {
      // One broken scenario must not cost the others' numbers: record it and go on.
      e.printStackTrace();
      results.row("scenario " + number, "failed", e.getClass().getSimpleName(), "", false);
      results.note("Scenario " + number + " failed: " + e);
    }
    seconds.put("scenario" + number, (System.nanoTime() - start) / 1_000_000_000);
  }

  @SuppressWarnings("unchecked")
  private static void writeMarkdown(Path file, BenchPlan plan, Results results, Map<String, Object> run) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results ").append(file.getFileName().toString().replace(".md", "")).append("\n\n");
    md.append("Written by `bench/run` (plan `").append(plan.name()).append("`); raw figures in the `.json` next to ")
        .append("this file. How to read it: bench/README.md.\n\n");
    md.append("## Machine\n\n");
    results.machine().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\n## Run\n\n");
    md.append("- started ").append(run.get("startedAt")).append(", finished ").append(run.get("finishedAt"))
        .append(", ").append(Results.f((Double) run.get("totalSeconds"), 0)).append(" s in total; per scenario (s): ")
        .append(run.get("scenarioSeconds")).append('\n');
    md.append("- load average (1/5/15 min) at start: ").append(run.get("loadAverageAtStart")).append(", at end: ")
        .append(run.get("loadAverageAtEnd")).append('\n');
    md.append("- busiest processes at start (other than the harness):\n");
    ((List<String>) run.get("busiestProcessesAtStart")).forEach(p -> md.append("  - ").append(p).append('\n'));
    md.append("- busiest processes at end:\n");
    ((List<String>) run.get("busiestProcessesAtEnd")).forEach(p -> md.append("  - ").append(p).append('\n'));
    md.append("- scaling: quota window ").append(plan.quotaWindow().toSeconds()).append(" s instead of 60 s at ")
        .append(plan.quotaRequests()).append(" requests per window (the same ratios, 10x faster); scenario 2 ")
        .append("drains a backlog sized for ~").append(plan.latencySeconds()).append(" s per setting instead of ")
        .append("100 000 events; scenario 3 uses ").append(plan.overheadEvents()).append(" events per run; scenario 4 runs ")
        .append("each baseline ").append(plan.baselineSeconds()).append(" s; scenario 6 holds ")
        .append(plan.memoryEvents()).append(" events; scenario 7 measures ").append(plan.idleSeconds())
        .append(" s idle.\n\n");
    md.append("## Summary\n\n").append(results.table()).append('\n');
    if (!results.notes().isEmpty()) {
      md.append("## Notes from the run\n\n");
      results.notes().forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    md.append("## Details\n\n```json\n");
    try {
      md.append(new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Map.of()).replace("{ }", ""));
      String json = Files.readString(file.resolveSibling(file.getFileName().toString().replace(".md", ".json")));
      int scenarios = json.indexOf("\"scenarios\"");
      int notes = json.lastIndexOf("\"notes\"");
      md.append(scenarios >= 0 && notes > scenarios ? json.substring(scenarios, notes).trim() : json);
      md.append("\n```\n");
      Files.createDirectories(file.getParent());
      Files.writeString(file, md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      String name = arg.substring(2);
      if (name.equals("smoke")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    return options;
  }
}
