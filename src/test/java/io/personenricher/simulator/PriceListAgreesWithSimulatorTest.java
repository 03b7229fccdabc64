package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.credits.PriceList;
import io.personenricher.quota.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor's estimates ({@link PriceList}) and the simulator's worst cases charge by the same
 * table, so a budget tested against the simulator behaves the same against its prices.
 */
class PriceListAgreesWithSimulatorTest {

  private static final List<List<String>> FIELDS =
      List.of(
          List.of(),
          List.of("basic_profile"),
          List.of("contact"),
          List.of("contact.business_emails"),
          List.of("contact.personal_emails", "contact.phone_numbers"),
          List.of("contact.phone_numbers.number"),
          List.of("dev_platform_profiles"),
          List.of("contact", "dev_platform_profiles", "experience"),
          List.of("experience.employment_details.current.title"));

  private static final List<List<String>> CONTACT_FIELDS =
      List.of(
          List.of(),
          List.of("contact.business_emails"),
          List.of("contact.business_emails", "contact.websites"),
          List.of("contact.business_emails", "contact.personal_emails", "contact.phone_numbers"));

  @Test
  void enrichEstimatesMatchTheSimulatorsWorstCaseForEveryFieldsChoice() {
    for (List<String> fields : FIELDS) {
      assertThat(PriceList.perProfile(Endpoint.ENRICH, fields))
          .as("fields %s", fields)
          .isEqualTo(EnrichPricing.worstCasePerProfile(fields, false));
    }
  }

  @Test
  void contactEnrichEstimatesMatchTheSimulatorsWorstCase() {
    for (List<String> fields : CONTACT_FIELDS) {
      assertThat(PriceList.perProfile(Endpoint.CONTACT_ENRICH, fields))
          .as("fields %s", fields)
          .isEqualTo(ContactFields.worstCasePerProfile(fields));
    }
  }

  @Test
  void liveEnrichAndSearchPricesMatchTheSimulators() {
    assertThat(PriceList.LIVE_PER_PROFILE).isEqualTo(LookupEndpoint.LIVE_CREDITS_PER_PROFILE);
    for (int results : new int[] {0, 1, 3, 20, 1000}) {
      assertThat(PriceList.search(results).upperBound()).isEqualTo(SearchEndpoint.price(results));
    }
  }
}
