package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointCountersTest {

  private static final long SECOND = 1_000_000_000L;
  private final EndpointCounters counters = new EndpointCounters(Duration.ofSeconds(10));

  @Test
  void countsIdentifiersLargestBatchAndMixedTypesOfEveryParseableBody() {
    counters.arrived(call("{\"business_emails\":[\"a\",\"b\"]}", 0));
    counters.arrived(
        call("{\"business_emails\":[\"a\"],\"professional_network_profile_urls\":[\"u\"]}", 0));
    counters.arrived(call("{not json", 0));
    EndpointStats stats = counters.snapshot();
    assertThat(stats.requests()).isEqualTo(3);
    assertThat(stats.identifiers()).isEqualTo(4);
    assertThat(stats.largestBatch()).isEqualTo(2);
    assertThat(stats.mixedTypeSeen()).isTrue();
  }

  @Test
  void theMostRequestsInAnyWindowSlidesWithTheArrivals() {
    for (long t : new long[] {0, 1, 2, 12, 13}) {
      counters.arrived(call("{}", t * SECOND));
    }
    assertThat(counters.snapshot().maxRequestsInAnyWindow()).isEqualTo(3);
    assertThat(counters.arrivalNanos()).hasSize(5).startsWith(0L);
  }

  @Test
  void answersCountByStatusWithTimeoutsAndResetsApart() {
    counters.answered(ApiAnswer.json(200, "[]", 2, 4));
    counters.answered(ApiAnswer.error(429, "rate_limit_exceeded", "slow down"));
    counters.answered(ApiAnswer.error(400, "invalid_request", "no"));
    counters.answered(ApiAnswer.neverAnswer());
    counters.answered(ApiAnswer.reset());
    EndpointStats stats = counters.snapshot();
    assertThat(stats.count(200)).isEqualTo(1);
    assertThat(stats.count(429)).isEqualTo(1);
    assertThat(stats.rateLimited429()).isEqualTo(1);
    assertThat(stats.statusCounts()).hasSize(3);
    assertThat(stats.results()).isEqualTo(4);
    assertThat(stats.creditsCharged()).isEqualTo(2);
    assertThat(stats.timeoutsInjected()).isEqualTo(1);
    assertThat(stats.resetsInjected()).isEqualTo(1);
  }

  private static ApiCall call(String body, long now) {
    return ApiCall.of(SimulatedEndpoint.ENRICH, null, null, body, now);
  }
}
