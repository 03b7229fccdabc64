package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

  @Test
  void theBarShowsTheShareReadAndTheCounts() {
    assertThat(ReplayProgress.render(512, 1024, 480))
        .isEqualTo(
            "[###############---------------]  50%  512/1,024 dead letters read, 480 replayed");
    assertThat(ReplayProgress.render(0, 0, 0)).startsWith("[" + "#".repeat(30) + "] 100%");
  }

  @Test
  void withoutATerminalItPrintsLinesNotCarriageReturnsAndAlwaysTheLastState() {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), false);

    progress.update(1, 10, 0);
    progress.update(2, 10, 1);
    progress.update(10, 10, 9);
    progress.finish();

    assertThat(text.toString())
        .doesNotContain("\r")
        .startsWith(ReplayProgress.render(1, 10, 0))
        .endsWith(ReplayProgress.render(10, 10, 9) + System.lineSeparator());
  }
}
