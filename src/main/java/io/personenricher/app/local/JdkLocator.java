package io.personenricher.app.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version on this machine, for child processes that need a
 * newer Java than the one running us (Apicurio Registry 3.x needs 21+). Candidates, in order:
 * {@code APICURIO_JAVA} (a {@code java} binary or a JDK home; when set it is the only candidate),
 * the running JVM, {@code JAVA_HOME}, then every directory under {@code /usr/lib/jvm} (reverse name
 * order, just to be deterministic). A candidate's version comes from its {@code release} file
 * ({@code JAVA_VERSION}), so nothing is executed to find out.
 */
public final class JdkLocator {

  /**
   * Environment variable naming the {@code java} binary (or JDK home) to use for the registry. Not
   * an {@code ENRICHER_*} name: those are reserved for settings, and the config loader rejects
   * unknown ones.
   */
  public static final String JAVA_OVERRIDE_ENV = "APICURIO_JAVA";

  /** A JDK found on disk. */
  public record Jdk(Path home, int featureVersion, String version) {
    public Path javaExecutable() {
      return home.resolve("bin").resolve("java");
    }
  }

  private final Optional<String> override;
  private final List<Path> candidateHomes;

  /** Looks at this machine: the override env var, the running JVM, JAVA_HOME and /usr/lib/jvm. */
  public static JdkLocator forThisMachine() {
    List<Path> homes = new ArrayList<>();
    homes.add(Paths.get(System.getProperty("java.home")));
    Optional.ofNullable(System.getenv("JAVA_HOME"))
        .filter(s -> !s.isBlank())
        .map(Paths::get)
        .ifPresent(homes::add);
    homes.addAll(childrenOf(Paths.get("/usr/lib/jvm")));
    return new JdkLocator(
        Optional.ofNullable(System.getenv(JAVA_OVERRIDE_ENV)).filter(s -> !s.isBlank()), homes);
  }

  /**
   * @param override a {@code java} binary or JDK home that, when present, is the only candidate
   * @param candidateHomes JDK home directories to examine, in order of preference
   */
  public JdkLocator(Optional<String> override, List<Path> candidateHomes) {
    this.override = override;
    this.candidateHomes = List.copyOf(candidateHomes);
  }

  /** The first candidate of at least {@code minFeatureVersion}, if any. */
  public Optional<Jdk> find(int minFeatureVersion) {
    if (override.isPresent()) {
      return inspect(homeOf(Paths.get(override.get())))
          .filter(jdk -> jdk.featureVersion() >= minFeatureVersion);
    }
    return candidateHomes.stream()
        .map(JdkLocator::inspect)
        .flatMap(Optional::stream)
        .filter(jdk -> jdk.featureVersion() >= minFeatureVersion)
        .findFirst();
  }

  /**
   * Like {@link #find} but fails with a message saying exactly what to install or set.
   *
   * @param purpose what the JDK is for, e.g. "Apicurio Registry"
   */
  public Jdk require(int minFeatureVersion, String purpose) {
    return find(minFeatureVersion)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    override.isPresent()
                        ? JAVA_OVERRIDE_ENV
                            + "="
                            + override.get()
                            + " is not a Java "
                            + minFeatureVersion
                            + "+ installation (no bin/java with a release file saying JAVA_VERSION >= "
                            + minFeatureVersion
                            + "); "
                            + purpose
                            + " needs Java "
                            + minFeatureVersion
                            + " or newer"
                        : purpose
                            + " needs Java "
                            + minFeatureVersion
                            + " or newer, but none was found (looked at the running JVM, JAVA_HOME and "
                            + "/usr/lib/jvm/*). Install one, e.g. `apt-get install temurin-"
                            + minFeatureVersion
                            + "-jdk` (or any JDK "
                            + minFeatureVersion
                            + "+), or set "
                            + JAVA_OVERRIDE_ENV
                            + " to its bin/java."));
  }

  /**
   * Parses a {@code release} file's JAVA_VERSION ("25.0.3", "21", "1.8.0_392") to its feature
   * version.
   */
  static int featureVersion(String javaVersion) {
    String version = javaVersion.replace("\"", "").trim();
    String[] parts = version.split("[._+-]");
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }

  private static Optional<Jdk> inspect(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(release)) {
      properties.load(reader);
      String version = properties.getProperty("JAVA_VERSION");
      if (version == null) {
        return Optional.empty();
      }
      String clean = version.replace("\"", "").trim();
      return Optional.of(new Jdk(home.toRealPath(), featureVersion(clean), clean));
    } catch (IOException | RuntimeException e) {
      // An unreadable or odd release file just means "not a usable candidate".
      return Optional.empty();
    }
  }

  /** Accepts a JDK home or its bin/java. */
  private static Path homeOf(Path path) {
    Path p = path.toAbsolutePath();
    if (p.getFileName() != null
        && p.getFileName().toString().equals("java")
        && p.getParent() != null) {
      return p.getParent().getParent();
    }
    return p;
  }

  private static List<Path> childrenOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
