package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;

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
  void alignPutsEntriesEchoedOutOfOrderBackIntoRequestOrder() {
    List<EnrichEntry> aligned =
        ResponseAlignment.align(
            IdentifierKind.BUSINESS_EMAIL,
            List.of("a@x.com", "b@x.com"),
            List.of(entry("b@x.com"), entry("a@x.com")));

    assertThat(aligned).extracting(EnrichEntry::matchedOn).containsExactly("a@x.com", "b@x.com");
  }

  @Test
  void alignRefusesToGuessWhenAnEchoHasNoIdentifier() {
    assertThat(
            ResponseAlignment.align(
                IdentifierKind.BUSINESS_EMAIL,
                List.of("a@x.com", "b@x.com"),
                List.of(entry("a@x.com"), entry("c@x.com"))))
        .isNull();
  }
}
