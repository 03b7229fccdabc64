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

  @Test
  void anEndpointTargetsItsFaultsLatencyAndEntitlementAlone() throws Exception {
    ControlsJson.apply(
        JSON.readTree(
            "{\"endpoint\":\"/person/search\",\"error500\":1,\"forced429\":2,"
                + "\"latency\":{\"kind\":\"FIXED\",\"minMillis\":9},\"entitled\":false}"),
        controls,
        credits);
    assertThat(controls.faults(SimulatedEndpoint.SEARCH).error500()).isEqualTo(1);
    assertThat(controls.faults(SimulatedEndpoint.SEARCH).forced429()).isEqualTo(2);
    assertThat(controls.latency(SimulatedEndpoint.SEARCH).min().toMillis()).isEqualTo(9);
    assertThat(controls.entitled(SimulatedEndpoint.SEARCH)).isFalse();
    assertThat(controls.faults(SimulatedEndpoint.ENRICH)).isEqualTo(FaultSettings.none());
    assertThat(controls.entitled(SimulatedEndpoint.LIVE_ENRICH)).isTrue();
  }

  @Test
  void allTargetsEveryEndpointAndEntitlementOnlyWhereAPlanSwitchExists() throws Exception {
    ControlsJson.apply(
        JSON.readTree("{\"endpoint\":\"all\",\"error503\":0.5,\"entitled\":false}"),
        controls,
        credits);
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      assertThat(controls.faults(e).error503()).as(e.path()).isEqualTo(0.5);
      assertThat(controls.entitled(e)).as(e.path()).isEqualTo(!ControlsJson.hasPlanSwitch(e));
    }
  }

  @Test
  void aBadUpdateChangesNothing() throws Exception {
    for (String bad :
        new String[] {
          "{\"endpoint\":\"/person/nope\",\"error500\":1}",
          "{\"endpoint\":\"/person/enrich\",\"entitled\":false}",
          "{\"endpoint\":[\"/person/search\",\"/user/credits\"],\"entitled\":false,\"error500\":1}",
          "{\"error500\":1,\"latency\":{\"kind\":\"SLOW\"}}"
        }) {
      assertThatThrownBy(() -> ControlsJson.apply(JSON.readTree(bad), controls, credits))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      assertThat(controls.faults(e)).as(e.path()).isEqualTo(FaultSettings.none());
    }
    assertThat(controls.entitled(SimulatedEndpoint.SEARCH)).isTrue();
  }

  @Test
  void theDescriptionHasEveryEndpointAndTheAccountSwitch() throws Exception {
    ControlsJson.apply(
        JSON.readTree(
            "{\"endpoint\":\"/person/contact/enrich\",\"timeout\":0.25,"
                + "\"accountEndpoints\":false}"),
        controls,
        credits);
    com.fasterxml.jackson.databind.JsonNode json = ControlsJson.describe(controls, credits);
    assertThat(json.at("/endpoints/~1person~1contact~1enrich/timeout").asDouble()).isEqualTo(0.25);
    assertThat(json.at("/endpoints/~1person~1contact~1enrich/entitled").asBoolean()).isTrue();
    assertThat(json.get("timeout").asDouble()).as("enrich at the top").isZero();
    assertThat(json.get("accountEndpoints").asBoolean()).isFalse();
    assertThat(json.get("endpoints")).hasSize(SimulatedEndpoint.values().length);
  }
}
