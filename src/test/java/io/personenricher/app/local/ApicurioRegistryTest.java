package io.personenricher.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryTest {

  @TempDir Path dir;

  @Test
  void missingDistributionFailsWithHowToGetIt() {
    Path empty = dir.resolve("nothing-here");

    assertThatThrownBy(() -> ApicurioRegistry.distributionDir(Optional.of(empty)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no quarkus-run.jar in [" + empty.toAbsolutePath() + "]")
        .hasMessageContaining("mvn -B package -DskipTests");
  }

  @Test
  void anExplicitDistributionDirectoryIsUsedWhenItHoldsTheRunnerJar() throws IOException {
    Files.createFile(dir.resolve("quarkus-run.jar"));

    assertThat(ApicurioRegistry.distributionDir(Optional.of(dir))).isEqualTo(dir.toAbsolutePath());
  }
}
