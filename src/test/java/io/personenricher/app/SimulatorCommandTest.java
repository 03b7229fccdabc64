package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatedEndpoint;
import io.personenricher.simulator.SimulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

  @Test
  void withoutFlagsEveryEndpointHasTheApisDefaults() {
    SimulatorSettings settings = parse();
    assertThat(settings.endpoint(SimulatedEndpoint.SEARCH).rateLimitRequests()).isEqualTo(30);
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).rateLimitRequests()).isEqualTo(10);
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).latency())
        .isEqualTo(LatencyModel.uniform(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).entitled()).isTrue();
    assertThat(settings.endpoint(SimulatedEndpoint.CONTACT_ENRICH).entitled()).isTrue();
    assertThat(settings.endpoint(SimulatedEndpoint.USER_CREDITS).rateLimitRequests())
        .isEqualTo(300);
    assertThat(settings.notIndexedFraction()).isEqualTo(0.1);
    assertThat(settings.accountEndpointsAvailable()).isTrue();
    assertThat(settings.endpoints()).isEqualTo(SimulatorSettings.defaults().endpoints());
  }

  @Test
  void thePerEndpointFlagsBecomeThePerEndpointSettings() {
    SimulatorSettings settings =
        parse(
            "--search-rate-limit",
            "7",
            "--live-rate-limit",
            "2",
            "--contact-rate-limit",
            "3",
            "--account-rate-limit",
            "40",
            "--live-latency-ms",
            "10",
            "--live-latency-max-ms",
            "30",
            "--no-live-entitlement",
            "--no-contact-entitlement",
            "--not-indexed-fraction",
            "0.25",
            "--no-account-endpoints");
    assertThat(settings.endpoint(SimulatedEndpoint.SEARCH).rateLimitRequests()).isEqualTo(7);
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).rateLimitRequests()).isEqualTo(2);
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).latency())
        .isEqualTo(LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(30)));
    assertThat(settings.endpoint(SimulatedEndpoint.LIVE_ENRICH).entitled()).isFalse();
    assertThat(settings.endpoint(SimulatedEndpoint.CONTACT_ENRICH).rateLimitRequests())
        .isEqualTo(3);
    assertThat(settings.endpoint(SimulatedEndpoint.CONTACT_ENRICH).entitled()).isFalse();
    for (SimulatedEndpoint account :
        new SimulatedEndpoint[] {
          SimulatedEndpoint.ACCOUNT_ENDPOINTS,
          SimulatedEndpoint.USER_CREDITS,
          SimulatedEndpoint.ACCOUNT_CREDITS
        }) {
      assertThat(settings.endpoint(account).rateLimitRequests()).isEqualTo(40);
    }
    assertThat(settings.notIndexedFraction()).isEqualTo(0.25);
    assertThat(settings.accountEndpointsAvailable()).isFalse();
    assertThat(settings.rateLimitRequests()).as("enrich keeps its own").isEqualTo(15);
  }

  private static SimulatorSettings parse(String... args) {
    SimulatorCommand command = new SimulatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }
}
