package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContactFieldsTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(11, 1_000);
  private final ContactFields fields = new ContactFields();

  @Test
  void noFieldsMeansAllFourContactFieldsAndNothingElse() {
    ObjectNode data = fields.project(PEOPLE.personData(withPhone()), List.of(), false);
    assertThat(data.fieldNames()).toIterable().containsExactly("contact");
    assertThat(data.get("contact").fieldNames())
        .toIterable()
        .containsExactly("business_emails", "personal_emails", "phone_numbers", "websites");
    assertThat(data.at("/contact/business_emails/0/email").asText())
        .isEqualTo(PEOPLE.emailOf(withPhone()));
  }

  @Test
  void requestedFieldsAreTheOnlyOnesReturned() {
    ObjectNode data = fields.project(PEOPLE.personData(1), List.of("contact.phone_numbers"), false);
    assertThat(data.get("contact").fieldNames()).toIterable().containsExactly("phone_numbers");
  }

  @Test
  void verifiedKeepsOnlyDeliverableEmails() {
    int person = withPersonalEmail();
    JsonNode all = fields.project(PEOPLE.personData(person), List.of(), false);
    JsonNode verified = fields.project(PEOPLE.personData(person), List.of(), true);
    assertThat(all.at("/contact/personal_emails")).isNotEmpty();
    assertThat(verified.at("/contact/personal_emails")).isEmpty();
    assertThat(verified.at("/contact/business_emails")).hasSize(1);
  }

  @Test
  void aNonContactFieldIs400ListingTheContactFields() {
    ApiRejection r =
        catchThrowableOfType(
            ApiRejection.class,
            () -> ContactFields.VOCABULARY.requireSupported(List.of("basic_profile")));
    JsonNode error = SimulatorClient.parse(r.answer().body()).get("error");
    assertThat(error.get("message").asText()).contains("basic_profile");
    assertThat(error.at("/metadata/available_fields").toString())
        .isEqualTo(
            "[\"contact.business_emails\",\"contact.personal_emails\","
                + "\"contact.phone_numbers\",\"contact.websites\"]");
  }

  @Test
  void theBaseCreditPlusOnePerNonEmptyFieldReturned() {
    int person = withPhone();
    ObjectNode data = fields.project(PEOPLE.personData(person), List.of(), false);
    int expected = 1 + 1 + (data.at("/contact/personal_emails").isEmpty() ? 0 : 1) + 1 /* phone */;
    assertThat(ContactFields.charge(data)).isEqualTo(expected);
    assertThat(ContactFields.worstCasePerProfile(List.of())).isEqualTo(5);
    assertThat(ContactFields.worstCasePerProfile(List.of("contact.websites"))).isEqualTo(2);
  }

  private static int withPhone() {
    return IntStream.range(0, PEOPLE.size())
        .filter(i -> !PEOPLE.personData(i).at("/contact/phone_numbers").isEmpty())
        .findFirst()
        .orElseThrow();
  }

  private static int withPersonalEmail() {
    return IntStream.range(0, PEOPLE.size())
        .filter(i -> !PEOPLE.personData(i).at("/contact/personal_emails").isEmpty())
        .findFirst()
        .orElseThrow();
  }
}
