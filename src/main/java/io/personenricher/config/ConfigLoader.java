package io.personenricher.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Resolves an {@link EnricherConfig} from its four layers, later layers winning per key:
 *
 * <ol>
 *   <li>the defaults of the definition;
 *   <li>a properties file ({@code --config FILE}), keys as in the docs ({@code
 *       enricher.batch.linger.ms=500});
 *   <li>the environment: {@code ENRICHER_FOO_BAR} sets {@code enricher.foo.bar} (lower-cased,
 *       {@code _} → {@code .}), so {@code ENRICHER_KAFKA_NUM_STREAM_THREADS} passes {@code
 *       num.stream.threads} to Kafka Streams;
 *   <li>CLI overrides ({@code --set key=value}).
 * </ol>
 *
 * The environment is a constructor argument so tests pass a map and never touch the real one. Each
 * value remembers its layer, so an error says where the bad value came from.
 */
public final class ConfigLoader {

  static final String ENV_PREFIX = "ENRICHER_";

  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** A loader over this process's environment. */
  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /**
   * Loads and validates.
   *
   * @param configFile a properties file, or null for none
   * @param overrides CLI overrides, highest precedence
   * @throws InvalidConfigException when the file is unreadable or any value is invalid
   */
  public EnricherConfig load(Path configFile, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    if (configFile != null) {
      readFile(configFile).forEach((k, v) -> put(values, origins, k, v, "file " + configFile));
    }
    environmentSettings(environment)
        .forEach((k, v) -> put(values, origins, k, v, "env " + EnricherConfig.envName(k)));
    overrides.forEach((k, v) -> put(values, origins, k.trim(), v, "--set"));
    return new EnricherConfig(values, origins);
  }

  /**
   * The {@code enricher.*} settings named by {@code ENRICHER_*} variables; other variables are
   * ignored.
   */
  static Map<String, String> environmentSettings(Map<String, String> env) {
    Map<String, String> settings = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            settings.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return settings;
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> origins,
      String key,
      String value,
      String origin) {
    values.put(key, value);
    origins.put(key, origin);
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(
          "--config "
              + file
              + " does not exist or is not a file: pass the path of a properties file with "
              + "enricher.* keys");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException(
          "--config "
              + file
              + " cannot be read as a properties file ("
              + e.getMessage()
              + "): use key=value "
              + "lines in UTF-8");
    }
    Map<String, String> settings = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> settings.put(k.trim(), props.getProperty(k)));
    return settings;
  }
}
