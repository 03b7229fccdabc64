package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child JVM (the Parallel Consumer baseline, the memory scenario's processor) with its output in a file,
 * and reads back its one {@code RESULT {json}} line.
 */
final class ChildProcess {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the child ended, and what it printed. */
  record Outcome(int exitCode, List<String> lines) {

    JsonNode resultJson() {
      for (String line : lines) {
        if (line.startsWith("RESULT ")) {
          try {
            return JSON.readTree(line.substring("RESULT ".length()));
          } catch (IOException e) {
            return null;
          }
        }
      }
      return null;
    }

    /**
     * The first exception line that is not a log line, with its first two stack frames, or the exit code if
     * there is none.
     */
    String firstError() {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("[") && (line.contains("Exception") || line.contains("Error"))) {
          StringBuilder error = new StringBuilder(line.trim());
          for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
            error.append(' ').append(lines.get(j).trim());
          }
          return error.toString().replace('|', '/');
        }
      }
      return "exit code " + exitCode + " without a result";
    }

    String tail(int n) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
  }

  private ChildProcess() {}

  /**
   * The java {@code command} with this JVM's temporary directory as the child's own: bench/run gives the harness a
   * scratch directory of the run's, which it deletes when the run succeeds, so the children's state directories and
   * logs (about 130 MB a run) go with it instead of piling up in /tmp.
   */
  static List<String> sharingTempDir(List<String> command) {
    List<String> shared = new java.util.ArrayList<>(command);
    shared.add(1, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    return shared;
  }

  /** Runs {@code command} and waits for it; a child that outlives {@code timeout} is destroyed. */
  static Outcome run(List<String> command, Duration timeout) {
    return run(command, timeout, null);
  }

  /**
   * @param started called with the running process (e.g. to sample its memory), or null
   */
  static Outcome run(List<String> command, Duration timeout, java.util.function.Consumer<Process> started) {
    try {
      Path log = Files.createTempFile("bench-child", ".log");
      Process process = new ProcessBuilder(sharingTempDir(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (started != null) {
        started.accept(process);
      }
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      int exit = ended ? process.exitValue() : -1;
      return new Outcome(exit, Files.readAllLines(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
