package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The §4.4 order of the gateway steps, with a stub endpoint handler and no HTTP server. */
class ApiPipelineTest {

  private static final String KEY = "k";
  private final AtomicInteger handled = new AtomicInteger();
  private final RuntimeControls controls =
      new RuntimeControls(SimulatorSettings.defaults().withApiKeys(Set.of(KEY), Set.of("no")));
  private final EndpointCounters counters = new EndpointCounters(Duration.ofSeconds(60));
  private final ApiPipeline pipeline =
      new ApiPipeline(
          Map.of(
              SimulatedEndpoint.ENRICH,
              new ApiPipeline.Route(
                  new SlidingWindow(2, Duration.ofSeconds(60)),
                  (call, key, faults) -> {
                    handled.incrementAndGet();
                    return ApiAnswer.json(200, "[]", 1.5, 3);
                  },
                  counters)),
          controls,
          new FaultInjector(new SplittableRandom(1)));

  @Test
  void anAdmittedCallReachesTheHandlerAndCarriesRateAndCreditHeaders() {
    ApiAnswer answer = pipeline.answer(call("Bearer k", "2025-11-01"));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers())
        .containsEntry("x-ratelimit-limit", "2")
        .containsEntry("x-ratelimit-remaining", "1")
        .containsEntry("x-ratelimit-reset", "60")
        .containsEntry("x-credits-used", "1.5");
    assertThat(handled).hasValue(1);
  }

  @Test
  void aBadKeyIs401BeforeTheRateWindowAndConsumesNoQuota() {
    ApiAnswer answer = pipeline.answer(call("Bearer wrong", "2025-11-01"));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers())
        .containsEntry("x-ratelimit-remaining", "2")
        .containsEntry("x-credits-used", "0");
    assertThat(pipeline.answer(call("Bearer k", "2025-11-01")).headers())
        .containsEntry("x-ratelimit-remaining", "1");
  }

  @Test
  void theRateWindowComesBeforeTheVersionHeaderWhichComesBeforeEntitlement() {
    assertThat(pipeline.answer(call("Bearer no", null)).status()).isEqualTo(400);
    assertThat(pipeline.answer(call("Bearer no", "2025-11-01")).status()).isEqualTo(403);
    assertThat(pipeline.answer(call("Bearer no", null)).status())
        .as("the third call of key 'no' in a window of 2")
        .isEqualTo(429);
    assertThat(handled).hasValue(0);
  }

  @Test
  void aForcedBurstAnswers429ThenLetsCallsThrough() {
    controls.setFaults(SimulatedEndpoint.ENRICH, FaultSettings.none().withForced429(1));
    assertThat(pipeline.answer(call("Bearer k", "2025-11-01")).status()).isEqualTo(429);
    assertThat(pipeline.answer(call("Bearer k", "2025-11-01")).status()).isEqualTo(200);
  }

  @Test
  void anInjectedServerFaultStrikesAfterTheGatewayAndSkipsTheHandler() {
    controls.setFaults(SimulatedEndpoint.ENRICH, FaultSettings.none().withServerErrors(0, 1, 0));
    assertThat(pipeline.answer(call("Bearer k", null)).status()).isEqualTo(400);
    assertThat(pipeline.answer(call("Bearer k", "2025-11-01")).status()).isEqualTo(502);
    assertThat(handled).hasValue(0);
  }

  @Test
  void everyCallIsCountedWithItsStatusResultsAndCredits() {
    pipeline.answer(call("Bearer k", "2025-11-01"));
    pipeline.answer(call(null, "2025-11-01"));
    EndpointStats stats = counters.snapshot();
    assertThat(stats.requests()).isEqualTo(2);
    assertThat(stats.statusCounts()).isEqualTo(Map.of(200, 1L, 401, 1L));
    assertThat(stats.results()).isEqualTo(3);
    assertThat(stats.creditsCharged()).isEqualTo(1.5);
  }

  private static ApiCall call(String authorization, String version) {
    return ApiCall.of(SimulatedEndpoint.ENRICH, authorization, version, "{}", System.nanoTime());
  }
}
