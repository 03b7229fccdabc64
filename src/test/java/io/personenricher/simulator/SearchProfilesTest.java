package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchProfilesTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(5, 200);
  private static final SearchProfiles PROFILES = new SearchProfiles(PEOPLE);

  @Test
  void aProfileIsTheEnrichRecordWithContactFlagsInsteadOfContactDataAndTheSearchFields() {
    ObjectNode profile = PROFILES.profile(3, List.of());
    ObjectNode record = PEOPLE.personData(3);
    assertThat(profile.get("basic_profile")).isEqualTo(record.get("basic_profile"));
    assertThat(profile.get("experience")).isEqualTo(record.get("experience"));
    assertThat(profile.get("contact").fieldNames())
        .toIterable()
        .containsExactly("has_business_email", "has_personal_email", "has_phone_number");
    assertThat(profile.at("/contact/has_phone_number").asBoolean())
        .isEqualTo(!record.at("/contact/phone_numbers").isEmpty());
    assertThat(profile.get("years_of_experience_raw").isInt()).isTrue();
    assertThat(profile.get("recently_changed_jobs").isBoolean()).isTrue();
  }

  @Test
  void aProjectionKeepsTheRequestedPathsThePersonIdAndTheProfileUrl() {
    ObjectNode projected =
        PROFILES.profile(
            3, List.of("basic_profile.name", "experience.employment_details.current.title"));
    assertThat(projected.fieldNames())
        .toIterable()
        .containsExactly("crustdata_person_id", "basic_profile", "experience", "social_handles");
    assertThat(projected.get("basic_profile").fieldNames()).toIterable().containsExactly("name");
    assertThat(projected.at("/social_handles/professional_network_identifier/profile_url").asText())
        .isEqualTo(PEOPLE.profileUrlOf(3));
    assertThat(projected.at("/experience/employment_details/current/0").fieldNames())
        .toIterable()
        .containsExactly("title");
  }

  @Test
  void theVocabularyHasGroupsLeavesAndTheSearchOnlyFieldsButNoContactData() {
    assertThat(PROFILES.available())
        .contains(
            "basic_profile",
            "basic_profile.location.country",
            "years_of_experience_raw",
            "recently_changed_jobs",
            "contact.has_phone_number",
            SearchField.PROFILE_URL)
        .doesNotContain("contact.business_emails", "contact.phone_numbers");
  }
}
