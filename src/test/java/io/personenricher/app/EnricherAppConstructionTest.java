package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.personenricher.config.EnricherConfig;
import io.personenricher.routing.OutputLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the composition root either succeeds or leaves nothing running behind. */
class EnricherAppConstructionTest {

  @TempDir Path stateDir;

  @Test
  void aFailureWhileBuildingTheAppLeavesNoVertxThreadsBehind() {
    // Kafka Streams rejects this pass-through setting in its constructor, after Vert.x and the
    // client exist.
    EnricherConfig config =
        new EnricherConfig(
            Map.of(
                "enricher.kafka.replication.factor", "not-a-number",
                "enricher.state.dir", stateDir.toString(),
                "enricher.http.port", "0"));
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    assertThatThrownBy(
            () ->
                EnricherApp.build(
                    config, config.clientSettings("sk-test"), OutputLimits.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("replication.factor");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(vertxThreadsStartedSince(before)).as("Vert.x threads left").isEmpty());
  }

  private static List<String> vertxThreadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(name -> name.startsWith("vert.x-") || name.startsWith("vertx-"))
        .toList();
  }
}
