package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichRequest;
import io.personenricher.client.IdentifierKind;
import io.personenricher.quota.Endpoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceListTest {

  @ParameterizedTest(name = "fields [{0}] cost {1} per profile")
  @CsvSource(
      delimiter = '|',
      value = {
        "                                                   | 1",
        "basic_profile                                      | 1",
        "basic_profile;social_handles;experience;education  | 1",
        "contact.business_emails                            | 2",
        "contact.personal_emails                            | 3",
        "contact.phone_numbers                              | 3",
        "contact.business_emails;contact.phone_numbers      | 4",
        "contact.personal_emails;contact.phone_numbers      | 5",
        "contact                                            | 6",
        "dev_platform_profiles                              | 2",
        "dev_platform_profiles.repositories                 | 2",
        "contact.business_emails.email                      | 2",
        "contact;dev_platform_profiles;experience           | 7",
        "contact.websites                                   | 1",
      })
  void enrichCostsTheBaseProfilePlusEachAddOnTheFieldsAskFor(String fields, double price) {
    List<String> asked = fields == null ? List.of() : Arrays.asList(fields.split(";"));

    assertThat(PriceList.perProfile(Endpoint.ENRICH, asked)).isEqualTo(price);
  }

  @ParameterizedTest(name = "contact fields [{0}] cost {1} per profile")
  @CsvSource(
      delimiter = '|',
      value = {
        "                                                | 5",
        "contact.business_emails                         | 2",
        "contact.business_emails;contact.phone_numbers   | 3",
        "contact.business_emails;contact.business_emails | 2",
      })
  void contactEnrichCostsTheBaseProfilePlusOnePerContactField(String fields, double price) {
    List<String> asked = fields == null ? List.of() : Arrays.asList(fields.split(";"));

    assertThat(PriceList.perProfile(Endpoint.CONTACT_ENRICH, asked)).isEqualTo(price);
  }

  @Test
  void liveEnrichCostsSevenPerProfileWhateverTheFields() {
    assertThat(PriceList.perProfile(Endpoint.LIVE_ENRICH, List.of())).isEqualTo(7);
    assertThat(PriceList.perProfile(Endpoint.LIVE_ENRICH, List.of("basic_profile"))).isEqualTo(7);
  }

  @Test
  void searchCostsThreeHundredthsPerResultInWholeHundredths() {
    assertThat(PriceList.search(3).upperBound()).isEqualTo(0.09);
    assertThat(PriceList.search(100).upperBound()).isEqualTo(3.0);
    assertThat(PriceList.search(0).upperBound()).isZero();
  }

  @Test
  void anEnrichRequestIsEstimatedAtItsPriceForEveryIdentifierMatchingOnce() {
    EnrichRequest request =
        new EnrichRequest(
            IdentifierKind.BUSINESS_EMAIL,
            List.of("a@acme.com", "b@acme.com", "c@acme.com"),
            List.of("basic_profile", "contact.phone_numbers"),
            0.8);

    CostEstimate estimate = PriceList.estimate(request);

    assertThat(estimate.endpoint()).isEqualTo(Endpoint.ENRICH);
    assertThat(estimate.units()).isEqualTo(3);
    assertThat(estimate.perUnit()).isEqualTo(3);
    assertThat(estimate.upperBound()).isEqualTo(9);
    assertThat(estimate.forMatches(2)).isEqualTo(6);
    assertThat(estimate.forMatches(0)).isZero();
  }

  @Test
  void aLiveEnrichRequestIsEstimatedAtSevenPerIdentifier() {
    EnrichRequest request =
        new EnrichRequest(
            IdentifierKind.PROFILE_URL,
            List.of("https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b"),
            List.of(),
            null,
            Endpoint.LIVE_ENRICH);

    assertThat(PriceList.estimate(request).upperBound()).isEqualTo(14);
  }
}
