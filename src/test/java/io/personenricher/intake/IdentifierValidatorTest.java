package io.personenricher.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.IdentifierKind;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.testutil.Events;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierValidatorTest {

  private final IdentifierValidator validator = new IdentifierValidator(null);

  @ParameterizedTest
  @CsvSource({
    "https://www.linkedin.com/in/dvdhsu/, linkedin.com/in/dvdhsu",
    "https://www.linkedin.com/in/dvdhsu, linkedin.com/in/dvdhsu",
    "http://linkedin.com/in/DvdHsu, linkedin.com/in/dvdhsu",
    "HTTPS://WWW.LINKEDIN.COM/in/ACoAAA1234xyz/, linkedin.com/in/acoaaa1234xyz",
    "https://www.linkedin.com/in/j%C3%BCrgen-m, linkedin.com/in/j%c3%bcrgen-m"
  })
  void acceptsPersonProfileUrlsAndCanonicalisesThem(String url, String canonical) {
    Validation result = validator.validate(Events.profileUrl(url));

    assertThat(result)
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid -> {
              assertThat(valid.identifier().kind()).isEqualTo(IdentifierKind.PROFILE_URL);
              assertThat(valid.identifier().value()).isEqualTo(url);
              assertThat(valid.identifier().normalized()).isEqualTo(canonical);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.linkedin.com/in/ann?trk=public",
        "https://www.linkedin.com/in/ann#about",
        "https://www.linkedin.com/company/acme",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/in/ann/details/experience",
        "https://example.com/in/ann",
        "https://linkedin.com.evil.io/in/ann",
        "ftp://www.linkedin.com/in/ann",
        "www.linkedin.com/in/ann",
        "ACoAAAbcdefgh",
        "https://user@www.linkedin.com/in/ann",
        "https://www.linkedin.com:8443/in/ann"
      })
  void rejectsUrlsThatAreNotPersonProfiles(String url) {
    assertThat(validator.validate(Events.profileUrl(url)))
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            invalid -> assertThat(invalid.errorClass()).isEqualTo("url_not_a_person_profile"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ann@acme.com", "Ann.Lee+crm@Sub.Acme.co.uk", "o'brien@acme.io"})
  void acceptsBusinessEmailsAndLowerCasesThemForGrouping(String email) {
    assertThat(validator.validate(Events.email(email)))
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid -> {
              assertThat(valid.identifier().value()).isEqualTo(email);
              assertThat(valid.identifier().normalized())
                  .isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann",
        "ann@",
        "@acme.com",
        "ann@acme",
        "ann acme@acme.com",
        "ann@@acme.com",
        "ann@acme..com",
        "https://www.linkedin.com/in/ann"
      })
  void rejectsMalformedEmails(String email) {
    assertThat(validator.validate(Events.email(email)))
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            invalid -> assertThat(invalid.errorClass()).isEqualTo("invalid_email"));
  }

  @Test
  void rejectsEmptyAndOversizedIdentifiers() {
    assertThat(validator.validate(Events.email("")))
        .extracting(v -> ((Validation.Invalid) v).errorClass())
        .isEqualTo("empty_identifier");
    String huge = "a".repeat(600) + "@acme.com";
    assertThat(validator.validate(Events.email(huge)))
        .extracting(v -> ((Validation.Invalid) v).errorClass())
        .isEqualTo("identifier_too_long");
  }

  @Test
  void rejectsThresholdsOutsideZeroToOneAndNotANumber() {
    for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
      assertThat(
              validator.validate(
                  Events.event(IdentifierType.BUSINESS_EMAIL, "a@acme.com", bad, null)))
          .extracting(v -> ((Validation.Invalid) v).errorClass())
          .isEqualTo("invalid_min_similarity_score");
    }
  }

  @Test
  void acceptsKnownSectionsAndDottedPathsAndRejectsUnknownFields() {
    assertThat(
            validator.validate(
                Events.event(
                    IdentifierType.BUSINESS_EMAIL,
                    "a@acme.com",
                    null,
                    List.of("experience", "contact.business_emails", "basic_profile.summary"))))
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid ->
                assertThat(valid.identifier().fields())
                    .containsExactly(
                        "basic_profile.summary", "contact.business_emails", "experience"));
    assertThat(
            validator.validate(
                Events.event(IdentifierType.BUSINESS_EMAIL, "a@acme.com", null, List.of("salary"))))
        .isInstanceOf(Validation.Invalid.class);
    assertThat(
            validator.validate(
                Events.event(
                    IdentifierType.BUSINESS_EMAIL, "a@acme.com", null, List.of("Experience"))))
        .isInstanceOf(Validation.Invalid.class);
  }

  @Test
  void appliesTheDefaultThresholdOnlyWhenTheEventHasNone() {
    IdentifierValidator withDefault = new IdentifierValidator(0.75);

    assertThat(
            ((Validation.Valid) withDefault.validate(Events.email("a@acme.com")))
                .identifier()
                .minSimilarityScore())
        .isEqualTo(0.75);
    assertThat(
            ((Validation.Valid)
                    withDefault.validate(
                        Events.event(IdentifierType.BUSINESS_EMAIL, "a@acme.com", 0.2, null)))
                .identifier()
                .minSimilarityScore())
        .isEqualTo(0.2);
  }

  @Test
  void rejectsTheUnknownIdentifierTypeOfANewerWriter() {
    assertThat(validator.validate(Events.event(IdentifierType.UNKNOWN, "a@acme.com", null, null)))
        .extracting(v -> ((Validation.Invalid) v).errorClass())
        .isEqualTo("unsupported_identifier_type");
  }
}
