package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditShareTest {

  @Test
  void creditsFollowTheMatchesAndTwinsSplitTheirIdentifiersShare() {
    assertThat(CreditShare.perEvent(6.0, 2, 3, 1)).isEqualTo(4.0);
    assertThat(CreditShare.perEvent(6.0, 2, 3, 2)).isEqualTo(2.0);
    assertThat(CreditShare.perEvent(6.0, 1, 3, 1)).isEqualTo(2.0);
  }

  @Test
  void aResponseWithoutMatchesCostsNothing() {
    assertThat(CreditShare.perEvent(0.0, 0, 0, 1)).isEqualTo(0.0);
    assertThat(CreditShare.perEvent(5.0, 0, 0, 3)).isEqualTo(0.0);
  }

  @Test
  void aResponseThatDidNotSayWhatItCostLeavesTheShareUnknown() {
    assertThat(CreditShare.perEvent(null, 1, 2, 1)).isNull();
    assertThat(CreditShare.perEvent(null, 0, 0, 1)).isNull();
  }
}
