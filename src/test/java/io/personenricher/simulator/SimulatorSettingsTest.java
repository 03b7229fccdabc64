package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

  private final SimulatorSettings defaults = SimulatorSettings.defaults();

  @Test
  void everyEndpointStartsAtItsDocumentedLimitAndOnlyLiveEnrichIsSlow() {
    assertThat(defaults.endpoint(SimulatedEndpoint.ENRICH).rateLimitRequests()).isEqualTo(15);
    assertThat(defaults.endpoint(SimulatedEndpoint.SEARCH).rateLimitRequests()).isEqualTo(30);
    assertThat(defaults.endpoint(SimulatedEndpoint.LIVE_ENRICH).rateLimitRequests()).isEqualTo(10);
    assertThat(defaults.endpoint(SimulatedEndpoint.CONTACT_ENRICH).rateLimitRequests())
        .isEqualTo(15);
    assertThat(defaults.endpoint(SimulatedEndpoint.ACCOUNT_ENDPOINTS).rateLimitRequests())
        .isEqualTo(300);
    assertThat(defaults.endpoint(SimulatedEndpoint.LIVE_ENRICH).latency().min())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.endpoint(SimulatedEndpoint.SEARCH).latency())
        .isEqualTo(LatencyModel.none());
    assertThat(defaults.accountEndpointsAvailable()).isTrue();
    assertThat(defaults.notIndexedFraction()).isEqualTo(0.1);
    assertThatThrownBy(() -> defaults.withNotIndexedFraction(0.95))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enrichsEndpointSettingsAreTheTopLevelKnobs() {
    SimulatorSettings s =
        defaults
            .withEndpointRateLimit(SimulatedEndpoint.ENRICH, 4)
            .withEndpointLatency(
                SimulatedEndpoint.ENRICH, LatencyModel.fixed(Duration.ofMillis(3)));
    assertThat(s.rateLimitRequests()).isEqualTo(4);
    assertThat(s.latency()).isEqualTo(LatencyModel.fixed(Duration.ofMillis(3)));
    assertThat(s.endpoints()).doesNotContainKey(SimulatedEndpoint.ENRICH);
    assertThatThrownBy(() -> s.withEntitlement(SimulatedEndpoint.ENRICH, false))
        .hasMessageContaining("forbiddenApiKeys");
  }

  @Test
  void oneEndpointsChangeLeavesTheOthersAlone() {
    SimulatorSettings s = defaults.withEndpointRateLimit(SimulatedEndpoint.SEARCH, 3);
    assertThat(s.endpoint(SimulatedEndpoint.SEARCH).rateLimitRequests()).isEqualTo(3);
    assertThat(s.endpoint(SimulatedEndpoint.CONTACT_ENRICH))
        .isEqualTo(defaults.endpoint(SimulatedEndpoint.CONTACT_ENRICH));
    assertThat(s.rateLimitRequests()).isEqualTo(15);
  }

  @Test
  void theOlderConstructorKeepsEveryOtherEndpointAtItsDefaults() {
    SimulatorSettings old =
        new SimulatorSettings(
            0,
            10,
            1,
            5,
            Duration.ofSeconds(1),
            null,
            null,
            1,
            false,
            false,
            true,
            true,
            java.util.Set.of("k"),
            null);
    assertThat(old.endpoints()).isEqualTo(defaults.endpoints());
    assertThat(old.accountEndpointsAvailable()).isTrue();
  }

  @Test
  void enrichCannotBeConfiguredThroughTheEndpointMapAndLimitsMustBePositive() {
    SimulatorSettings d = defaults;
    assertThatThrownBy(
            () ->
                new SimulatorSettings(
                    d.port(),
                    d.datasetSize(),
                    d.seed(),
                    d.rateLimitRequests(),
                    d.rateWindow(),
                    d.latency(),
                    d.faults(),
                    d.creditBalance(),
                    d.allFieldsByDefault(),
                    d.notFoundWhenAllMiss(),
                    d.rejectMalformedEmails(),
                    d.serverSideMinSimilarity(),
                    d.validApiKeys(),
                    d.forbiddenApiKeys(),
                    Map.of(
                        SimulatedEndpoint.ENRICH,
                        EndpointSettings.defaults(SimulatedEndpoint.SEARCH)),
                    d.accountEndpointsAvailable(),
                    d.notIndexedFraction()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withEndpointRateLimit(SimulatedEndpoint.SEARCH, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
