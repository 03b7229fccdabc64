package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code enricher demo} end to end, as a user runs it: it starts its own embedded broker, Apicurio
 * Registry and simulator (random ports), produces a smaller sample, runs the processor and exits 0
 * once every event has its output, printing the summary.
 */
class DemoIT {

  @Test
  void theDemoRunsThePipelineOnEmbeddedInfrastructureAndPrintsTheSummary() {
    CliRun demo = CliRun.of("demo", "--events", "60", "--timeout", "120");

    assertThat(demo.exitCode()).as("stdout:%n%s%nstderr:%n%s", demo.out(), demo.err()).isZero();
    assertThat(demo.out())
        .contains("Produced 60 events to person.identifiers from the bundled sample")
        .contains("==== person-enricher demo summary ====")
        .contains("Events produced   60")
        .contains("Duplicate outputs 0")
        .contains("Sample enriched records:")
        .contains("Every one of the 60 events has exactly one output.");
    long enriched = count(demo.out(), "Enriched +(\\d+)");
    long unmatched = count(demo.out(), "Unmatched +(\\d+)");
    long dead = count(demo.out(), "Dead-lettered +(\\d+)");
    assertThat(enriched + unmatched + dead).isEqualTo(60);
    assertThat(enriched).isPositive();
    assertThat(unmatched).isPositive();
    assertThat(dead).isPositive();
    assertThat(count(demo.out(), "API requests (\\d+)")).isPositive();
    assertThat(count(demo.out(), "credits (\\d+)")).isPositive();
    // The search after the sample fans out into enriched people.
    assertThat(demo.out()).contains("Search demo-vp-search COMPLETED: 10 found");
    assertThat(demo.out()).contains("10 of 10 people found were enriched");
  }

  @Test
  void theDemoRejectsANonPositiveEventCountAsAUsageError() {
    CliRun demo = CliRun.of("demo", "--events", "0");

    assertThat(demo.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(demo.err()).contains("--events must be at least 1");
  }

  /**
   * The number in the summary (the last match: progress lines print the same figures as they grow).
   */
  private static long count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    assertThat(last).as("'%s' in:%n%s", regex, text).isNotNull();
    return Long.parseLong(last);
  }
}
