package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditEstimateTest {

  @ParameterizedTest(name = "fields [{0}] cost {1} per profile")
  @CsvSource(
      delimiter = ';',
      value = {
        "'';1",
        "basic_profile,experience;1",
        "contact.business_emails;2",
        "contact;6",
        "contact.phone_numbers,contact.personal_emails;5",
        "dev_platform_profiles;2",
        "contact,dev_platform_profiles,basic_profile;7"
      })
  void addOnsAreChargedWhenTheFieldsAskForThem(String fields, double credits) {
    List<String> asked = fields.isEmpty() ? List.of() : List.of(fields.split(","));

    assertThat(CreditEstimate.perProfile(asked)).isEqualTo(credits);
  }

  @ParameterizedTest(name = "{0} matches cost {1}")
  @CsvSource({"0, 0", "1, 2", "3, 6"})
  void anAnswerCostsItsMatchesTimesThePricePerProfile(int matches, double credits) {
    PersonMatchResult match = new PersonMatchResult(0.9, JsonNodeFactory.instance.objectNode());
    EnrichEntry answer =
        new EnrichEntry("a@x.com", "business_email", java.util.Collections.nCopies(matches, match));

    assertThat(CreditEstimate.of(answer, List.of("contact.business_emails"))).isEqualTo(credits);
  }
}
