package io.personenricher.app;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} and {@code --set key=value} options every command that reads config
 * shares.
 */
public final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with enricher.* settings (defaults < file < ENRICHER_* env < --set).")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one setting, e.g. --set enricher.batch.linger.ms=500; repeatable, wins over all.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * Loads and validates; throws {@link io.personenricher.config.InvalidConfigException} when
   * invalid.
   */
  public EnricherConfig load(ConfigLoader loader) {
    return loader.load(configFile, overrides);
  }
}
