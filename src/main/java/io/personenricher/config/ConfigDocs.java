package io.personenricher.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders the configuration reference (Markdown) from {@link EnricherConfig#definition()} and keeps
 * README.md's copy, between {@value #START} and {@value #END}, in step. {@code ConfigDocsTest}
 * fails when they drift; regenerate with {@code java -cp target/classes:$(cat target/cp.txt)
 * io.personenricher.config.ConfigDocs README.md} or copy {@code target/README.md.expected} over
 * README.md (the test writes it).
 */
public final class ConfigDocs {

  public static final String START = "<!-- config-table:start -->";
  public static final String END = "<!-- config-table:end -->";

  private ConfigDocs() {}

  /** The tables, one per group, in definition order. */
  public static String markdown() {
    Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
    for (ConfigDef.ConfigKey key : EnricherConfig.definition().configKeys().values()) {
      groups.computeIfAbsent(key.group, g -> new ArrayList<>()).add(key);
    }
    StringBuilder md = new StringBuilder();
    md.append(
            "Every setting is a key in a properties file (`--config FILE`), an environment variable ")
        .append(
            "(`enricher.foo.bar` ↔ `ENRICHER_FOO_BAR`) or a CLI override (`--set enricher.foo.bar=…`), in ")
        .append(
            "that order of precedence over the defaults. Kafka Streams/client settings pass through as ")
        .append("`enricher.kafka.<setting>`, serde (schema registry client) settings as ")
        .append(
            "`enricher.serde.<setting>`. Generated from `EnricherConfig`; do not edit by hand.\n");
    groups.forEach(
        (group, keys) -> {
          md.append("\n#### ").append(group).append("\n\n");
          md.append("| Key | Env | Type | Default | Valid values | Importance | Description |\n");
          md.append("|---|---|---|---|---|---|---|\n");
          for (ConfigDef.ConfigKey key : keys) {
            md.append("| `")
                .append(key.name)
                .append("` | `")
                .append(EnricherConfig.envName(key.name))
                .append("` | ")
                .append(key.type.name().toLowerCase(Locale.ROOT))
                .append(" | ")
                .append(defaultOf(key))
                .append(" | ")
                .append(key.validator == null ? "" : escape(key.validator.toString()))
                .append(" | ")
                .append(key.importance.name().toLowerCase(Locale.ROOT))
                .append(" | ")
                .append(escape(key.documentation))
                .append(" |\n");
          }
        });
    return md.toString();
  }

  /** {@code readme} with the region between the markers replaced by {@link #markdown()}. */
  public static String updatedReadme(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("README has no " + START + " … " + END + " region");
    }
    return readme.substring(0, start + START.length()) + "\n" + markdown() + readme.substring(end);
  }

  /** The table region currently in {@code readme}, markers excluded. */
  public static String currentTable(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("README has no " + START + " … " + END + " region");
    }
    return readme.substring(start + START.length(), end);
  }

  /** Rewrites the given README (default {@code README.md}) in place. */
  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Files.writeString(readme, updatedReadme(text), StandardCharsets.UTF_8);
    System.out.println("Updated the configuration table in " + readme);
  }

  private static String defaultOf(ConfigDef.ConfigKey key) {
    String display = EnricherConfig.DISPLAY_DEFAULTS.get(key.name);
    if (display != null) {
      return display;
    }
    Object value = key.defaultValue;
    if (value instanceof Password) {
      return "****";
    }
    return "`" + value + "`";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
