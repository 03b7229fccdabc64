package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.simulator.SyntheticPeople;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSampleTest {

  private final SyntheticPeople people = DemoCommand.demoPeople();

  @Test
  void theBundledSampleIsExactlyWhatTheGeneratorMakesForTheDemoSimulatorsPeople() {
    // If this fails after a change to the generator or the simulator's dataset, regenerate the
    // file:
    // java -cp target/classes:<deps> io.personenricher.app.DemoSample
    // src/main/resources/demo/identifiers.csv
    assertThat(DemoCommand.bundledSample())
        .isEqualTo(DemoSample.csv(people, DemoSample.BUNDLED_EVENTS));
  }

  @Test
  void aLargerSampleExtendsTheBundledOne() {
    List<String> larger = DemoSample.csv(people, 400);
    assertThat(larger.subList(0, DemoSample.BUNDLED_EVENTS + 1))
        .isEqualTo(DemoCommand.bundledSample());
  }

  @Test
  void theSampleMixesBothTypesDuplicatesUnknownsAndInvalidEventsAndEveryLineParses() {
    List<String> lines = DemoCommand.bundledSample();
    List<ParsedLine> parsed =
        IdentifierFileReader.readAll(
            new BufferedReader(new StringReader(String.join("\n", lines))),
            IdentifierFileReader.Format.CSV);

    assertThat(parsed)
        .hasSize(DemoSample.BUNDLED_EVENTS)
        .allMatch(p -> p instanceof ParsedLine.Event);
    List<String> identifiers = lines.stream().skip(1).map(l -> l.split(",")[2]).toList();
    Set<String> types =
        lines.stream().skip(1).map(l -> l.split(",")[1]).collect(Collectors.toSet());
    assertThat(types).containsExactlyInAnyOrder("email", "business_email", "url", "profile_url");
    assertThat(identifiers.stream().distinct().count())
        .as("duplicates")
        .isLessThan(identifiers.size());
    assertThat(identifiers)
        .anyMatch(i -> people.findByEmail(i).isEmpty() && i.contains("@unknown-"));
    assertThat(identifiers).anyMatch(i -> i.startsWith("not-an-email"));
    assertThat(identifiers).anyMatch(i -> people.findByEmail(i).isPresent());
    assertThat(identifiers).anyMatch(i -> people.findByProfileUrl(i).isPresent());
  }
}
