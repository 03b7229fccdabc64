package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichPricingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aProfileCostsOneBaseCreditPlusTheAddOnsItCarries() throws Exception {
    assertThat(EnrichPricing.profileCredits(data("{\"basic_profile\":{}}"))).isEqualTo(1);
    assertThat(
            EnrichPricing.profileCredits(
                data(
                    "{\"contact\":{\"business_emails\":[{}],\"personal_emails\":[{}],"
                        + "\"phone_numbers\":[\"+1\"]},\"dev_platform_profiles\":[{}]}")))
        .isEqualTo(7);
    assertThat(
            EnrichPricing.profileCredits(
                data("{\"contact\":{\"business_emails\":[],\"phone_numbers\":[\"+1\"]}}")))
        .as("an empty add-on is free")
        .isEqualTo(3);
  }

  @Test
  void theWorstCaseCountsEveryAddOnAskedForByGroupOrPath() {
    assertThat(EnrichPricing.worstCasePerProfile(List.of(), false)).isEqualTo(1);
    assertThat(EnrichPricing.worstCasePerProfile(List.of(), true)).isEqualTo(7);
    assertThat(EnrichPricing.worstCasePerProfile(List.of("contact"), false)).isEqualTo(6);
    assertThat(EnrichPricing.worstCasePerProfile(List.of("contact.phone_numbers"), false))
        .isEqualTo(3);
    assertThat(
            EnrichPricing.worstCasePerProfile(
                List.of("skills", "dev_platform_profiles.bio"), false))
        .isEqualTo(2);
  }

  @Test
  void theAccountRefusesAWorstCaseAboveItsBalanceWith402AndNeverGoesNegative() {
    CreditAccount account = new CreditAccount(2);
    account.requireCovers(2);
    account.requireCovers(0);
    ApiRejection r = catchThrowableOfType(ApiRejection.class, () -> account.requireCovers(3));
    assertThat(r.answer().status()).isEqualTo(402);
    assertThat(r.answer().body()).contains("insufficient_credits");
    account.charge(5);
    assertThat(account.balance()).isZero();
    account.requireCovers(0);
  }

  @Test
  void creditsAreWrittenWithoutADecimalPointWhenWhole() {
    assertThat(CreditAccount.format(2)).isEqualTo("2");
    assertThat(CreditAccount.format(0.09)).isEqualTo("0.09");
  }

  private static ObjectNode data(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
