package io.personenricher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void readmeConfigurationTableMatchesTheDefinition() throws Exception {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String expected = ConfigDocs.updatedReadme(text);
    Path expectedFile = Path.of("target", "README.md.expected");
    Files.createDirectories(expectedFile.getParent());
    Files.writeString(expectedFile, expected, StandardCharsets.UTF_8);

    assertThat(text)
        .withFailMessage(
            "README.md's configuration table is out of date with EnricherConfig. Regenerate it: "
                + "cp target/README.md.expected README.md   (written by this test), or run "
                + "java -cp target/classes:<runtime classpath> io.personenricher.config.ConfigDocs README.md")
        .isEqualTo(expected);
  }

  @Test
  void tableListsEveryKeyWithItsEnvNameDefaultAndBounds() {
    String table = ConfigDocs.markdown();

    for (String key : EnricherConfig.definition().names()) {
      assertThat(table).contains("| `" + key + "` | `" + EnricherConfig.envName(key) + "` |");
    }
    assertThat(table)
        .contains(
            "| `enricher.batch.max.size` | `ENRICHER_BATCH_MAX_SIZE` | int | `25` | 1 to 25 | medium |")
        .contains(
            "| `enricher.processing.guarantee` | `ENRICHER_PROCESSING_GUARANTEE` | string | "
                + "`exactly_once_v2` | exactly_once_v2 \\| at_least_once |")
        .contains("`<java.io.tmpdir>/person-enricher`")
        .contains("#### Crustdata API");
  }

  @Test
  void updatingReplacesOnlyTheRegionBetweenTheMarkers() {
    String readme =
        "# Title\n\nintro\n"
            + ConfigDocs.START
            + "\nOLD-TABLE-CONTENT\n"
            + ConfigDocs.END
            + "\n\n## Next\n";

    String updated = ConfigDocs.updatedReadme(readme);

    assertThat(updated)
        .startsWith("# Title\n\nintro\n" + ConfigDocs.START + "\n")
        .endsWith(ConfigDocs.END + "\n\n## Next\n")
        .doesNotContain("OLD-TABLE-CONTENT");
    assertThat(ConfigDocs.currentTable(updated)).isEqualTo("\n" + ConfigDocs.markdown());
    assertThat(ConfigDocs.updatedReadme(updated)).isEqualTo(updated);
  }
}
