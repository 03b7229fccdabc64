package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseAlignmentTest {

  private static EnrichEntry entry(String matchedOn) {
    return new EnrichEntry(matchedOn, "business_email", List.of());
  }

  @Test
  void acceptsEntriesThatEchoEachIdentifierInOrder() {
    assertThat(
            ResponseAlignment.misalignment(
                IdentifierKind.BUSINESS_EMAIL,
                List.of("a@x.com", "b@x.com"),
                List.of(entry("a@x.com"), entry("B@X.COM"))))
        .isEmpty();
  }

  @Test
  void acceptsProfileUrlsEchoedInAnotherSpelling() {
    assertThat(
            ResponseAlignment.misalignment(
                IdentifierKind.PROFILE_URL,
                List.of("https://www.linkedin.com/in/ann/"),
                List.of(
                    new EnrichEntry(
                        "https://linkedin.com/in/ann",
                        "professional_network_profile_url",
                        List.of()))))
        .isEmpty();
  }

  @Test
  void rejectsSwappedEntries() {
    assertThat(
            ResponseAlignment.misalignment(
                IdentifierKind.BUSINESS_EMAIL,
                List.of("a@x.com", "b@x.com"),
                List.of(entry("b@x.com"), entry("a@x.com"))))
        .hasValueSatisfying(m -> assertThat(m).contains("entry 0"));
  }

  @Test
  void rejectsAMissingOrExtraEntry() {
    assertThat(
            ResponseAlignment.misalignment(
                IdentifierKind.BUSINESS_EMAIL,
                List.of("a@x.com", "b@x.com"),
                List.of(entry("a@x.com"))))
        .hasValueSatisfying(m -> assertThat(m).contains("1 entries for 2"));
  }

  @Test
  void rejectsAnEntryWithoutMatchedOn() {
    assertThat(
            ResponseAlignment.misalignment(
                IdentifierKind.BUSINESS_EMAIL, List.of("a@x.com"), List.of(entry(null))))
        .isPresent();
  }
}
