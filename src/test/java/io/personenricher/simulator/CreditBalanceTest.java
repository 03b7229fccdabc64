package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditBalanceTest {

  private final CreditAccount account = new CreditAccount(9406);

  @Test
  void userCreditsIsTheBareBalanceWholeOrFractional() {
    assertThat(body(false)).isEqualTo("{\"credits\":9406}");
    account.charge(0.03);
    assertThat(body(false)).isEqualTo("{\"credits\":9405.97}");
  }

  @Test
  void accountCreditsWrapsTheBalanceWithThePlansRecurringCredits() {
    assertThat(body(true))
        .isEqualTo(
            "{\"account\":{\"credits\":9406,\"recurring_credits\":0,"
                + "\"recurring_credits_frequency\":null,\"recurring_credits_refresh_date\":null,"
                + "\"credit_rollover\":false}}");
  }

  private String body(boolean accountShape) {
    ApiAnswer answer =
        new CreditBalance(account, accountShape)
            .handle(
                ApiCall.of(SimulatedEndpoint.USER_CREDITS, null, null, "", 0),
                "k",
                FaultSettings.none());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.credits()).isZero();
    return answer.body();
  }
}
