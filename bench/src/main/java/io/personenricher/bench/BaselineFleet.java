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
  private final List<Instance> instances = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  BaselineFleet(Path jar, BenchInfra infra, TopicNames topics, String apiBaseUrl, String apiKey,
      String applicationId, Map<String, String> overrides) {
    this.jar = jar;
    this.settings = Fleet.settings(infra, topics, apiBaseUrl, apiKey, applicationId);
    settings.putAll(overrides);
  }

  /** One baseline JVM: its process, the ops port it was given, where its output goes. */
  private record Instance(Process process, int opsPort, Path log) {}

  @Override
  public void startInstance() {
    instances.add(launch());
  }

  /** Starts an instance on a newly picked ops port. */
  private Instance launch() {
    try {
      Map<String, String> mine = new LinkedHashMap<>(settings);
      int port = freePort();
      mine.put(EnricherConfig.HTTP_PORT, Integer.toString(port));
      mine.put(EnricherConfig.STATE_DIR, Files.createTempDirectory("bench-baseline").toString());
      List<String> command = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString(), "run"));
      mine.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
      Path log = Files.createTempFile("bench-baseline", ".log");
      Process process = new ProcessBuilder(ChildProcess.sharingTempDir(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      System.out.println("bench: baseline instance on ops port " + port + ", log " + log);
      return new Instance(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < instances.size(); i++) {
      int relaunches = 0;
      while (!ready(instances.get(i).opsPort())) {
        Instance instance = instances.get(i);
        if (!instance.process().isAlive()) {
          // The ops port was free when picked; something may have bound it before the instance did.
          if (relaunches < 2 && portClash(instance.log())) {
            relaunches++;
            instances.set(i, launch());
            continue;
          }
          throw new IllegalStateException("a baseline instance exited with " + instance.process().exitValue()
              + "; log " + instance.log());
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
    instances.forEach(instance -> instance.process().destroy());
    for (Instance instance : instances) {
      Process process = instance.process();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    instances.clear();
  }
}
