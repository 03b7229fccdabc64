package io.personenricher.app.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Apicurio Registry (the distribution the build unpacks from Maven Central) as a child
 * process, to give tests and the local demo a real Confluent-API-compatible Schema Registry: {@link
 * #ccompatUrl()} is a base URL for any Confluent client. Storage is Apicurio's default in-memory
 * store, so every start is empty.
 *
 * <p>The distribution directory is, in order: {@link Settings#distributionDir()}, the system
 * property {@code apicurio.dir} (set by the pom for failsafe), the environment variable {@code
 * APICURIO_DIR}, then {@code target/apicurio} under the working directory. Apicurio 3.x needs Java
 * 21+, found by {@link JdkLocator}.
 *
 * <p>Threading notes: {@link #close()} may run on a JVM shutdown-hook thread as well as the owner's
 * thread; it is idempotent and synchronized.
 */
public final class ApicurioRegistry implements AutoCloseable {

  public static final String DIR_PROPERTY = "apicurio.dir";
  public static final String DIR_ENV = "APICURIO_DIR";
  public static final int REQUIRED_JAVA = 21;
  private static final String RUNNER_JAR = "quarkus-run.jar";
  private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  static final int START_ATTEMPTS = 3;
  // What Quarkus logs when a bind fails: for the HTTP port its own sentence, for the management
  // interface java.net.BindException's message under a line that names the interface.
  private static final String HTTP_PORT_IN_USE = "seems to be in use by another process";
  private static final String ADDRESS_IN_USE = "Address already in use";
  private static final String MANAGEMENT_BIND_FAILURE = "Unable to start the management interface";
  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

  /**
   * How to start the registry.
   *
   * @param distributionDir the unpacked distribution (contains quarkus-run.jar); empty for the
   *     default lookup
   * @param port HTTP port, 0 for a free one
   * @param logFile where the process's stdout and stderr go
   * @param startupTimeout how long to wait for the ccompat API to answer
   * @param maxHeap the {@code -Xmx} value, e.g. "256m"
   */
  public record Settings(
      Optional<Path> distributionDir,
      int port,
      Path logFile,
      Duration startupTimeout,
      String maxHeap) {

    /**
     * Defaults: looked-up distribution, free port, log under target/, 60 s to start, 256 MiB heap.
     */
    public static Settings defaults() {
      return new Settings(
          Optional.empty(),
          0,
          Paths.get("target", "apicurio-registry-" + ProcessHandle.current().pid() + ".log"),
          Duration.ofSeconds(60),
          "256m");
    }

    public Settings withPort(int newPort) {
      return new Settings(distributionDir, newPort, logFile, startupTimeout, maxHeap);
    }

    public Settings withLogFile(Path newLogFile) {
      return new Settings(distributionDir, port, newLogFile, startupTimeout, maxHeap);
    }

    public Settings withDistributionDir(Path dir) {
      return new Settings(Optional.of(dir), port, logFile, startupTimeout, maxHeap);
    }
  }

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;
  private boolean closed;

  private ApicurioRegistry(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::close, "apicurio-registry-shutdown");
  }

  /** Starts a registry with {@link Settings#defaults()}. */
  public static ApicurioRegistry start() {
    return start(Settings.defaults());
  }

  /**
   * Starts a registry and waits until its ccompat API answers.
   *
   * @throws IllegalStateException if the distribution or a Java 21+ is missing, or the registry
   *     does not come up in time (the message includes the tail of its log)
   */
  public static ApicurioRegistry start(Settings settings) {
    return start(settings, FreePorts::pick);
  }

  /**
   * Starts a registry, taking the ports it picks itself from {@code freePorts}. A port found free
   * is free only until someone binds it, and the registry binds its ports seconds after they were
   * picked (Quarkus boots first): a client's outgoing connection, or any other process, can take
   * one in between. When that happens to a port picked here, the registry starts again on newly
   * picked ports, up to {@link #START_ATTEMPTS} times; a fixed {@link Settings#port()} that is
   * taken fails at once, since another try would meet the same owner.
   */
  static ApicurioRegistry start(Settings settings, IntSupplier freePorts) {
    Path dir = distributionDir(settings.distributionDir());
    JdkLocator.Jdk jdk = JdkLocator.forThisMachine().require(REQUIRED_JAVA, "Apicurio Registry");
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(settings, dir, jdk, freePorts);
      } catch (PortTaken taken) {
        boolean pickedHere = settings.port() == 0 || taken.onManagementPort();
        if (!pickedHere || attempt == START_ATTEMPTS) {
          throw taken;
        }
        LOG.warn(
            "Apicurio Registry could not bind a port picked for it (attempt {} of {}); starting it"
                + " again on other ports",
            attempt,
            START_ATTEMPTS);
      }
    }
  }

  private static ApicurioRegistry startOnce(
      Settings settings, Path dir, JdkLocator.Jdk jdk, IntSupplier freePorts) {
    int port = settings.port() == 0 ? freePorts.getAsInt() : settings.port();
    Path logFile = settings.logFile().toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(jdk.javaExecutable().toString());
    command.add("-Xmx" + settings.maxHeap());
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    // Apicurio's management interface binds a fixed port (9000) by default: two registries
    // (parallel builds, a demo next to a test run), or anything else on 9000, would collide.
    // quarkus.management.enabled is fixed at Apicurio's build time (setting it false only logs a
    // warning), but the port is a runtime setting: give it a free loopback port. Nothing here uses
    // the interface.
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + freePorts.getAsInt());
    command.add("-jar");
    command.add(dir.resolve(RUNNER_JAR).toString());
    Process process;
    try {
      Files.createDirectories(logFile.getParent());
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start Apicurio Registry: " + String.join(" ", command), e);
    }
    ApicurioRegistry registry = new ApicurioRegistry(process, port, logFile);
    Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
    try {
      registry.awaitReady(settings.startupTimeout(), jdk);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  /**
   * Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}.
   */
  public String ccompatUrl() {
    return "http://127.0.0.1:" + port + CCOMPAT_PATH;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return logFile;
  }

  /** Process id of the registry JVM. */
  public long pid() {
    return process.pid();
  }

  /** Stops the registry and any process it started; waits up to 10 s before killing it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // close() is running inside the hook itself, or the JVM is exiting: nothing to unregister.
    }
  }

  private void awaitReady(Duration timeout, JdkLocator.Jdk jdk) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String message =
            "Apicurio Registry (java "
                + jdk.version()
                + ") exited with code "
                + process.exitValue()
                + " before it was ready; log "
                + logFile
                + ":\n"
                + logTail();
        String log = logText();
        if (log.contains(HTTP_PORT_IN_USE) || log.contains(ADDRESS_IN_USE)) {
          throw new PortTaken(message, log.contains(MANAGEMENT_BIND_FAILURE));
        }
        throw new IllegalStateException(message);
      }
      try {
        HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastProblem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
      }
      try {
        // Polling interval while the process boots (it reports nothing else we could wait on).
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
      }
    }
    throw new IllegalStateException(
        "Apicurio Registry did not answer GET "
            + ccompatUrl()
            + "/subjects within "
            + timeout.toSeconds()
            + " s (last: "
            + lastProblem
            + "); log "
            + logFile
            + ":\n"
            + logTail());
  }

  /** The whole log; read as Latin-1, which no byte fails, since only ASCII markers are sought. */
  private String logText() {
    try {
      return Files.readString(logFile, StandardCharsets.ISO_8859_1);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** The registry exited because a port it was to listen on was taken. */
  private static final class PortTaken extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final boolean onManagementPort;

    PortTaken(String message, boolean onManagementPort) {
      super(message);
      this.onManagementPort = onManagementPort;
    }

    boolean onManagementPort() {
      return onManagementPort;
    }
  }

  /** The last 40 lines of the log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  static Path distributionDir(Optional<Path> explicit) {
    List<Path> tried = new ArrayList<>();
    List<Path> candidates = new ArrayList<>();
    explicit.ifPresent(candidates::add);
    Optional.ofNullable(System.getProperty(DIR_PROPERTY))
        .filter(s -> !s.isBlank())
        .map(Paths::get)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv(DIR_ENV))
        .filter(s -> !s.isBlank())
        .map(Paths::get)
        .ifPresent(candidates::add);
    candidates.add(Paths.get("target", "apicurio"));
    for (Path candidate : candidates) {
      Path dir = candidate.toAbsolutePath();
      if (Files.isRegularFile(dir.resolve(RUNNER_JAR))) {
        return dir;
      }
      tried.add(dir);
      if (explicit.isPresent()) {
        break; // an explicit directory must be right; silently falling back would hide a typo
      }
    }
    throw new IllegalStateException(
        "Apicurio Registry distribution not found (no "
            + RUNNER_JAR
            + " in "
            + tried
            + "). Run `mvn -B package -DskipTests` (it unpacks io.apicurio:apicurio-registry-app:tar.gz:all into "
            + "target/apicurio), or point -D"
            + DIR_PROPERTY
            + " / "
            + DIR_ENV
            + " at an unpacked distribution.");
  }
}
