package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuntimeControlsTest {

  private final SimulatorSettings settings =
      SimulatorSettings.defaults()
          .withApiKeys(Set.of("k"), Set.of("ss"))
          .withEntitlement(SimulatedEndpoint.CONTACT_ENRICH, false)
          .withEndpointLatency(SimulatedEndpoint.SEARCH, LatencyModel.fixed(Duration.ofMillis(5)));
  private final RuntimeControls controls = new RuntimeControls(settings);

  @Test
  void startsFromEachEndpointsSettings() {
    assertThat(controls.latency(SimulatedEndpoint.SEARCH))
        .isEqualTo(LatencyModel.fixed(Duration.ofMillis(5)));
    assertThat(controls.latency(SimulatedEndpoint.LIVE_ENRICH))
        .isEqualTo(EndpointSettings.LIVE_LATENCY);
    assertThat(controls.entitled(SimulatedEndpoint.CONTACT_ENRICH)).isFalse();
  }

  @Test
  void aPersonEndpointNeedsAnEntitledKeyAndAnEntitledPlan() {
    assertThatCode(() -> controls.requireEntitled(SimulatedEndpoint.ENRICH, "k"))
        .doesNotThrowAnyException();
    assertThat(status(SimulatedEndpoint.ENRICH, "ss")).isEqualTo(403);
    assertThat(status(SimulatedEndpoint.CONTACT_ENRICH, "k")).isEqualTo(403);
    assertThatCode(() -> controls.requireEntitled(SimulatedEndpoint.USER_CREDITS, "ss"))
        .doesNotThrowAnyException();
  }

  @Test
  void restoreUndoesRunTimeChanges() {
    controls.setEntitled(SimulatedEndpoint.CONTACT_ENRICH, true);
    controls.setFaults(SimulatedEndpoint.SEARCH, FaultSettings.none().withForced429(3));
    controls.setAccountEndpointsAvailable(false);
    controls.restore(settings);
    assertThat(controls.entitled(SimulatedEndpoint.CONTACT_ENRICH)).isFalse();
    assertThat(controls.faults(SimulatedEndpoint.SEARCH)).isEqualTo(FaultSettings.none());
    assertThat(controls.accountEndpointsAvailable()).isTrue();
  }

  @Test
  void aForcedBurstIsPerEndpointAndCountsDown() {
    controls.setFaults(SimulatedEndpoint.SEARCH, FaultSettings.none().withForced429(1));
    assertThat(controls.takeForced429(SimulatedEndpoint.ENRICH)).isFalse();
    assertThat(controls.takeForced429(SimulatedEndpoint.SEARCH)).isTrue();
    assertThat(controls.takeForced429(SimulatedEndpoint.SEARCH)).isFalse();
  }

  private int status(SimulatedEndpoint endpoint, String key) {
    return catchThrowableOfType(ApiRejection.class, () -> controls.requireEntitled(endpoint, key))
        .answer()
        .status();
  }
}
