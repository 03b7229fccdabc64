package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitLearnerTest {

  @Test
  void startsAtTheDocumentedLimitAndAdoptsWhatTheApiSays() {
    LimitLearner limits = new LimitLearner(60_000, Optional.empty(), 0);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(15);
    assertThat(limits.usable(Endpoint.SEARCH)).isEqualTo(30);

    limits.perMinute(Endpoint.ENRICH, 100);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(100);
    limits.perWindow(Endpoint.ENRICH, 600);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(600);
    assertThat(limits.knows(Endpoint.ENRICH)).isTrue();
    assertThat(limits.knows(Endpoint.SEARCH)).isFalse();
  }

  @Test
  void aScaledWindowScalesThePerMinuteFigures() {
    LimitLearner limits = new LimitLearner(6_000, Optional.empty(), 0);
    limits.perMinute(Endpoint.ENRICH, 600);

    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(60);
    assertThat(new LimitLearner(6_000, Optional.empty(), 0).usable(Endpoint.ENRICH)).isEqualTo(1);
  }

  @Test
  void anExplicitLimitIsWhereItStartsAndNeverExceededAndTheHeadroomIsKept() {
    LimitLearner limits = new LimitLearner(60_000, Optional.of(40), 5);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(35);

    limits.perWindow(Endpoint.ENRICH, 600);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(35);
    limits.perWindow(Endpoint.ENRICH, 20);
    assertThat(limits.usable(Endpoint.ENRICH)).isEqualTo(15);
  }
}
