package io.personenricher.bench;

import io.personenricher.config.EnricherConfig;
import io.personenricher.topology.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Instances of the release the quota work replaces (its shaded jar, built by {@code bench/run} from the commit
 * named in {@code bench/baseline.rev} into {@code target/baseline}), each `enricher run` in its own JVM with the
 * same settings the product gets, so "today's behaviour" is the old code itself rather than an imitation of it.
 *
 * <p>Threading notes: used by the scenario thread only.
 */
final class BaselineFleet implements Fleet {

  /** The jar, when {@code bench/run} built it (system property {@code baseline.jar}). */
  static Optional<Path> jar() {
    String jar = System.getProperty("baseline.jar", "");
    return jar.isBlank() || !Files.isRegularFile(Path.of(jar)) ? Optional.empty() : Optional.of(Path.of(jar));
  }

  private final Path jar;
  private final Map<String, String> settings;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> opsPorts = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  BaselineFleet(Path jar, BenchInfra infra, TopicNames topics, String apiBaseUrl, String apiKey,
      String applicationId, Map<String, String> overrides) {
    this.jar = jar;
    this.settings = Fleet.settings(infra, topics, apiBaseUrl, apiKey, applicationId);
    settings.putAll(overrides);
  }

  @Override
  public void startInstance() {
    processes.add(null);
    opsPorts.add(0);
    logs.add(null);
    launch(processes.size() - 1);
  }

  /** Starts instance {@code i} (again, after a port clash) on a newly picked ops port. */
  private void launch(int i) {
    try {
      Map<String, String> mine = new LinkedHashMap<>(settings);
      int port = freePort();
      mine.put(EnricherConfig.HTTP_PORT, Integer.toString(port));
      mine.put(EnricherConfig.STATE_DIR, Files.createTempDirectory("bench-baseline").toString());
      List<String> command = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString(), "run"));
      mine.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
      Path log = Files.createTempFile("bench-baseline", ".log");
      processes.set(i, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
      opsPorts.set(i, port);
      logs.set(i, log);
      System.out.println("bench: baseline instance on ops port " + port + ", log " + log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      int relaunches = 0;
      while (!ready(opsPorts.get(i))) {
        if (!processes.get(i).isAlive()) {
          // The ops port was free when picked; something may have bound it before the instance did.
          if (relaunches < 2 && portClash(logs.get(i))) {
            relaunches++;
            launch(i);
            continue;
          }
          throw new IllegalStateException("a baseline instance exited with " + processes.get(i).exitValue()
              + "; log " + logs.get(i));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("a baseline instance was not ready after " + timeout);
        }
        EnricherRunner.sleep(100);
      }
    }
  }

  private static boolean portClash(Path log) {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1).contains("Address already in use");
    } catch (IOException e) {
      return false;
    }
  }

  private boolean ready(int port) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
  }
}
