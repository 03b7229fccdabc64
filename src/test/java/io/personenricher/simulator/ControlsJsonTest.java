package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlsJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RuntimeControls controls =
      new RuntimeControls(SimulatorSettings.defaults().withApiKeys(Set.of("a", "b"), Set.of()));
  private final CreditAccount credits = new CreditAccount(10);

  @Test
  void aPartialUpdateChangesOnlyTheKeysItNames() throws Exception {
    controls.setFaults(SimulatedEndpoint.ENRICH, FaultSettings.none().withServerErrors(0.2, 0, 0));
    ControlsJson.apply(JSON.readTree("{\"error503\":0.5,\"forced429\":2}"), controls, credits);
    FaultSettings f = controls.faults(SimulatedEndpoint.ENRICH);
    assertThat(f.error500()).isEqualTo(0.2);
    assertThat(f.error503()).isEqualTo(0.5);
    assertThat(f.forced429()).isEqualTo(2);
    assertThat(credits.balance()).isEqualTo(10);
  }

  @Test
  void latencyCreditsAndKeysCanBeReplaced() throws Exception {
    ControlsJson.apply(
        JSON.readTree(
            "{\"latency\":{\"kind\":\"FIXED\",\"minMillis\":7},\"creditBalance\":3,"
                + "\"invalidateKeys\":[\"a\"],\"forbiddenApiKeys\":[\"c\"]}"),
        controls,
        credits);
    assertThat(controls.latency(SimulatedEndpoint.ENRICH))
        .isEqualTo(LatencyModel.fixed(java.time.Duration.ofMillis(7)));
    assertThat(credits.balance()).isEqualTo(3);
    assertThat(controls.keys()).isEqualTo(new ApiKeys(Set.of("b"), Set.of("c")));
  }

  @Test
  void theDescriptionCountsKeysWithoutNamingThem() {
    String json = ControlsJson.describe(controls, credits).toString();
    assertThat(json).contains("\"validApiKeyCount\":2").doesNotContain("\"a\"");
  }

  @Test
  void anythingButAnObjectOrAnInvalidProbabilityIsRefused() {
    assertThatThrownBy(() -> ControlsJson.apply(JSON.readTree("[1]"), controls, credits))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ControlsJson.apply(JSON.readTree("{\"error500\":2}"), controls, credits))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
