package io.personenricher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, and how busy it was: read from /proc and the JVM. */
final class MachineInfo {

  private MachineInfo() {}

  static void describe(Map<String, Object> machine) {
    machine.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
    machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    machine.put("harnessHeap", Runtime.getRuntime().maxMemory() / 1_048_576 + " MB max");
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The busiest processes other than this one right now: {@code top}'s second snapshot (CPU share over one
   * second; ps's figure would be a lifetime average), command lines shortened.
   */
  static List<String> busiestProcesses(int n) {
    List<String> out = new ArrayList<>();
    try {
      Process top = new ProcessBuilder("top", "-b", "-n", "2", "-d", "1", "-c", "-w", "400").start();
      List<String> lines = new String(top.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      top.waitFor(5, TimeUnit.SECONDS);
      int header = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).trim().startsWith("PID")) {
          header = i;
        }
      }
      long self = ProcessHandle.current().pid();
      for (String line : lines.subList(header + 1, lines.size())) {
        // PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND
        String[] f = line.trim().split("\\s+", 12);
        if (f.length < 12 || Long.parseLong(f[0]) == self || f[11].startsWith("top ")
            || Double.parseDouble(f[8].replace(',', '.')) == 0) {
          continue;
        }
        out.add("pid " + f[0] + ", cpu " + f[8] + "%, res " + f[5] + ", " + shorten(f[11]));
        if (out.size() == n) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      out.add("top failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** A command line cut to its program and main class or Maven goals, without classpaths. */
  private static String shorten(String args) {
    String cleaned = args.replaceAll("-(cp|classpath) \\S+", "-cp …").replaceAll("\\S*/", "");
    return cleaned.length() > 140 ? cleaned.substring(0, 140) + "…" : cleaned;
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
