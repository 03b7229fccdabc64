package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountEndpointsTest {

  private final RuntimeControls controls =
      new RuntimeControls(SimulatorSettings.defaults().withApiKeys(Set.of("k"), Set.of("ss")));
  private final AccountEndpoints handler =
      new AccountEndpoints(
          Map.of(SimulatedEndpoint.ENRICH, 15, SimulatedEndpoint.ACCOUNT_ENDPOINTS, 300),
          Map.of(SimulatedEndpoint.ENRICH, List.of("basic_profile", "skills")),
          Duration.ofSeconds(60),
          controls);

  @Test
  void listsOnlyTheServedEndpointsInTheirOrderWithLimitsAndTheirSum() {
    JsonNode body = answer("k");
    assertThat(body.get("endpoints")).hasSize(2);
    assertThat(body.at("/endpoints/0/path").asText()).isEqualTo("/person/enrich");
    assertThat(body.at("/endpoints/0/effective_rate_limit_rpm").asLong()).isEqualTo(15);
    assertThat(body.at("/endpoints/1/path").asText()).isEqualTo("/account/endpoints");
    assertThat(body.at("/endpoints/1/fields/enabled")).isEmpty();
    assertThat(body.get("token_limit_rpm").asLong()).isEqualTo(315);
  }

  @Test
  void aPlanSwitchedOffShowsTheEndpointNotEnabledWithItsFieldsDisabled() {
    controls.setEntitled(SimulatedEndpoint.ENRICH, false);
    JsonNode enrich = answer("k").at("/endpoints/0");
    assertThat(enrich.get("status").asText()).isEqualTo("not_enabled");
    assertThat(enrich.at("/fields/disabled").toString())
        .isEqualTo("[\"basic_profile\",\"skills\"]");
    assertThat(answer("ss").at("/endpoints/1/status").asText()).isEqualTo("enabled");
  }

  private JsonNode answer(String key) {
    ApiAnswer answer =
        handler.handle(
            ApiCall.of(SimulatedEndpoint.ACCOUNT_ENDPOINTS, null, null, "", 0),
            key,
            FaultSettings.none());
    assertThat(answer.credits()).isZero();
    return SimulatorClient.parse(answer.body());
  }
}
