package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnrichProtocolTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final EnrichProtocol.QuotaHeaders NO_HEADERS =
      new EnrichProtocol.QuotaHeaders(null, null, null, null, null);
  private static final EnrichRequest TWO_URLS =
      new EnrichRequest(
          IdentifierKind.PROFILE_URL,
          List.of("https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b/"),
          List.of(),
          null);

  private static String entry(String id, String type, String matches) {
    return "{\"matched_on\":\""
        + id
        + "\",\"match_type\":\""
        + type
        + "\",\"matches\":"
        + matches
        + "}";
  }

  private static final String ONE_MATCH =
      "[{\"confidence_score\":1.0,\"person_data\":{\"basic_profile\":{\"name\":\"A\"},\"extra\":[1,2]}}]";

  @Test
  void bodyCarriesOnlyTheIdentifierArrayWhenNoOptionsAreSet() throws Exception {
    JsonNode body = JSON.readTree(EnrichProtocol.requestBody(TWO_URLS));
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("professional_network_profile_urls").toString())
        .isEqualTo("[\"https://www.linkedin.com/in/a\",\"https://www.linkedin.com/in/b/\"]");
  }

  @Test
  void bodyCarriesFieldsAndMinSimilarityWhenSet() throws Exception {
    EnrichRequest request =
        new EnrichRequest(
            IdentifierKind.BUSINESS_EMAIL,
            List.of("a@b.com"),
            List.of("basic_profile", "experience.employment_details.current.title"),
            0.8);
    JsonNode body = JSON.readTree(EnrichProtocol.requestBody(request));
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("business_emails", "fields", "min_similarity_score");
    assertThat(body.get("business_emails").toString()).isEqualTo("[\"a@b.com\"]");
    assertThat(body.get("fields").toString())
        .isEqualTo("[\"basic_profile\",\"experience.employment_details.current.title\"]");
    assertThat(body.get("min_similarity_score").asDouble()).isEqualTo(0.8);
  }

  @Test
  void requestRefusesMoreThan25ValuesAndEmptyListsBeforeAnythingIsSent() {
    List<String> twentySix = Collections.nCopies(26, "a@b.com");
    assertThatThrownBy(
            () -> new EnrichRequest(IdentifierKind.BUSINESS_EMAIL, twentySix, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 25");
    assertThatThrownBy(
            () -> new EnrichRequest(IdentifierKind.BUSINESS_EMAIL, List.of(), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            new EnrichRequest(
                    IdentifierKind.BUSINESS_EMAIL, Collections.nCopies(25, "a@b.com"), null, null)
                .size())
        .isEqualTo(25);
  }

  @Test
  void parsesA200IntoEntriesKeepingTheRawPersonData() {
    String body =
        "["
            + entry("https://www.linkedin.com/in/a", "professional_network_profile_url", ONE_MATCH)
            + ","
            + entry("https://www.linkedin.com/in/b/", "professional_network_profile_url", "[]")
            + "]";
    EnrichOutcome outcome =
        EnrichProtocol.classify(
            TWO_URLS, 200, body, new EnrichProtocol.QuotaHeaders(15, 14, 60.0, null, 1.0), null);
    assertThat(outcome).isInstanceOf(EnrichOutcome.Success.class);
    EnrichOutcome.Success success = (EnrichOutcome.Success) outcome;
    assertThat(success.creditsUsed()).isEqualTo(1.0);
    assertThat(success.entries())
        .extracting(EnrichEntry::matchedOn)
        .containsExactly("https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b/");
    PersonMatchResult match = success.entries().get(0).matches().get(0);
    assertThat(match.confidenceScore()).isEqualTo(1.0);
    assertThat(match.personData().toString())
        .isEqualTo("{\"basic_profile\":{\"name\":\"A\"},\"extra\":[1,2]}");
    assertThat(success.entries().get(1).matches()).isEmpty();
  }

  @Test
  void reordersEntriesByMatchedOnWhenTheServerAnsweredOutOfOrder() {
    String body =
        "["
            + entry("https://www.linkedin.com/in/b/", "professional_network_profile_url", "[]")
            + ","
            + entry("https://www.linkedin.com/in/a", "professional_network_profile_url", ONE_MATCH)
            + "]";
    EnrichOutcome.Success success =
        (EnrichOutcome.Success) EnrichProtocol.classify(TWO_URLS, 200, body, NO_HEADERS, null);
    assertThat(success.entries())
        .extracting(EnrichEntry::matchedOn)
        .containsExactly("https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b/");
    assertThat(success.entries().get(0).matches()).hasSize(1);
  }

  @Test
  void acceptsAnEchoInANormalisedSpellingInPlaceOrOutOfOrder() {
    String inPlace =
        "["
            + entry("https://linkedin.com/in/A/", "professional_network_profile_url", ONE_MATCH)
            + ","
            + entry("http://www.linkedin.com/in/b", "professional_network_profile_url", "[]")
            + "]";
    EnrichOutcome.Success success =
        (EnrichOutcome.Success) EnrichProtocol.classify(TWO_URLS, 200, inPlace, NO_HEADERS, null);
    assertThat(success.entries().get(0).matches()).hasSize(1);

    String swapped =
        "["
            + entry("http://www.linkedin.com/in/b", "professional_network_profile_url", "[]")
            + ","
            + entry("https://linkedin.com/in/A/", "professional_network_profile_url", ONE_MATCH)
            + "]";
    EnrichOutcome.Success reordered =
        (EnrichOutcome.Success) EnrichProtocol.classify(TWO_URLS, 200, swapped, NO_HEADERS, null);
    assertThat(reordered.entries())
        .extracting(EnrichEntry::matchedOn)
        .containsExactly("https://linkedin.com/in/A/", "http://www.linkedin.com/in/b");
    assertThat(reordered.entries().get(0).matches()).hasSize(1);
  }

  @Test
  void entriesThatDoNotEchoTheInputsAreAProtocolErrorNotAGuess() {
    String body =
        "["
            + entry("https://www.linkedin.com/in/a", "x", "[]")
            + ","
            + entry("https://www.linkedin.com/in/zzz", "x", "[]")
            + "]";
    assertProtocolError(
        EnrichProtocol.classify(TWO_URLS, 200, body, NO_HEADERS, null), "matched_on");
  }

  @Test
  void malformedJsonNonArrayAndWrongEntryCountAreProtocolErrors() {
    assertProtocolError(
        EnrichProtocol.classify(TWO_URLS, 200, "[{\"matched_on\": ", NO_HEADERS, null),
        "not valid JSON");
    assertProtocolError(
        EnrichProtocol.classify(TWO_URLS, 200, "{\"results\":[]}", NO_HEADERS, null),
        "not a JSON array");
    assertProtocolError(
        EnrichProtocol.classify(
            TWO_URLS,
            200,
            "[" + entry("https://www.linkedin.com/in/a", "x", "[]") + "]",
            NO_HEADERS,
            null),
        "1 entries for 2");
    assertProtocolError(
        EnrichProtocol.classify(TWO_URLS, 200, "[1, 2]", NO_HEADERS, null), "not a valid");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no match_type|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"matches\":[]}",
        "null match_type|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"match_type\":null,\"matches\":[]}",
        "numeric matched_on|{\"matched_on\":7,\"match_type\":\"x\",\"matches\":[]}",
        "no matches|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"match_type\":\"x\"}",
        "score as text|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"match_type\":\"x\",\"matches\":[{\"confidence_score\":\"high\",\"person_data\":{}}]}",
        "person_data not an object|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"match_type\":\"x\",\"matches\":[{\"confidence_score\":1.0,\"person_data\":[1]}]}",
        "no person_data|{\"matched_on\":\"https://www.linkedin.com/in/a\",\"match_type\":\"x\",\"matches\":[{\"confidence_score\":1.0}]}"
      })
  void anEntryMissingAFieldTheOutputContractNeedsIsAProtocolError(String what, String entry) {
    String body = "[" + entry + "," + entry("https://www.linkedin.com/in/b", "x", "[]") + "]";

    assertProtocolError(
        EnrichProtocol.classify(TWO_URLS, 200, body, NO_HEADERS, null), "not a valid");
  }

  @Test
  void a404IsSuccessWithNoMatchForEveryInput() {
    EnrichOutcome.Success success =
        (EnrichOutcome.Success)
            EnrichProtocol.classify(
                TWO_URLS,
                404,
                "{\"error\":{\"type\":\"not_found\",\"message\":\"none\",\"metadata\":[]}}",
                NO_HEADERS,
                null);
    assertThat(success.httpStatus()).isEqualTo(404);
    assertThat(success.entries())
        .extracting(EnrichEntry::matchedOn)
        .containsExactlyElementsOf(TWO_URLS.identifiers());
    assertThat(success.entries())
        .allSatisfy(
            e -> {
              assertThat(e.matches()).isEmpty();
              assertThat(e.matchType()).isEqualTo("professional_network_profile_url");
            });
  }

  @Test
  void a400IsRejectedWithTheApiErrorTypeAndMessage() {
    EnrichOutcome outcome =
        EnrichProtocol.classify(
            TWO_URLS,
            400,
            "{\"error\":{\"type\":\"invalid_request\",\"message\":\"Invalid URL\",\"metadata\":[]}}",
            NO_HEADERS,
            null);
    assertThat(outcome)
        .isEqualTo(new EnrichOutcome.Rejected(400, "invalid_request", "Invalid URL"));
  }

  @Test
  void authCreditAndPermissionStatusesAreFatalWithTheirHaltReason() {
    Map<Integer, HaltReason> expected =
        Map.of(
            401,
            HaltReason.INVALID_API_KEY,
            402,
            HaltReason.OUT_OF_CREDITS,
            403,
            HaltReason.NOT_PERMITTED);
    expected.forEach(
        (status, reason) -> {
          EnrichOutcome outcome =
              EnrichProtocol.classify(TWO_URLS, status, "{\"message\":\"nope\"}", NO_HEADERS, null);
          assertThat(outcome)
              .isInstanceOfSatisfying(
                  EnrichOutcome.Fatal.class,
                  f -> {
                    assertThat(f.reason()).isEqualTo(reason);
                    assertThat(f.httpStatus()).isEqualTo(status);
                    assertThat(f.message()).contains("nope");
                  });
        });
  }

  @Test
  void rateLimitAndServerErrorsAreRetriableWithTheGivenNotBefore() {
    Instant later = NOW.plusSeconds(30);
    assertThat(EnrichProtocol.classify(TWO_URLS, 429, "", NO_HEADERS, later))
        .isEqualTo(
            new EnrichOutcome.Retriable(
                EnrichOutcome.RetryReason.RATE_LIMITED,
                429,
                "API answered 429 (rate limited)",
                later));
    for (int status : List.of(500, 502, 503, 504)) {
      assertThat(EnrichProtocol.classify(TWO_URLS, status, "oops", NO_HEADERS, null))
          .isInstanceOfSatisfying(
              EnrichOutcome.Retriable.class,
              r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.SERVER_ERROR));
    }
  }

  @Test
  void undocumentedStatusesHaveADocumentedMapping() {
    assertThat(EnrichProtocol.classify(TWO_URLS, 408, "", NO_HEADERS, null))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.TIMEOUT));
    assertThat(EnrichProtocol.classify(TWO_URLS, 422, "", NO_HEADERS, null))
        .isEqualTo(new EnrichOutcome.Rejected(422, "http_422", "(no error message)"));
    assertThat(EnrichProtocol.classify(TWO_URLS, 302, "", NO_HEADERS, null))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.PROTOCOL_ERROR));
  }

  @Test
  void readsQuotaHeadersIncludingRetryAfterAsSecondsOrHttpDate() {
    Map<String, String> headers =
        Map.of(
            "x-ratelimit-limit",
            "15",
            "x-ratelimit-remaining",
            "0",
            "x-ratelimit-reset",
            "12",
            "x-credits-used",
            "2.5",
            "retry-after",
            "Sun, 22 Nov 2026 08:00:20 GMT");
    EnrichProtocol.QuotaHeaders q = EnrichProtocol.QuotaHeaders.read(headers::get, NOW);
    assertThat(q).isEqualTo(new EnrichProtocol.QuotaHeaders(15, 0, 12.0, 20.0, 2.5));
    EnrichProtocol.QuotaHeaders garbage =
        EnrichProtocol.QuotaHeaders.read(
            Map.of("x-ratelimit-limit", "lots", "retry-after", "7")::get, NOW);
    assertThat(garbage).isEqualTo(new EnrichProtocol.QuotaHeaders(null, null, null, 7.0, null));
  }

  @Test
  void handlesDuplicateIdentifiersByAssigningEachEntryOnce() {
    EnrichRequest dup =
        new EnrichRequest(
            IdentifierKind.BUSINESS_EMAIL,
            new ArrayList<>(List.of("a@b.com", "a@b.com")),
            List.of(),
            null);
    String body =
        "["
            + entry("a@b.com", "business_email", "[]")
            + ","
            + entry("a@b.com", "business_email", ONE_MATCH)
            + "]";
    EnrichOutcome.Success s =
        (EnrichOutcome.Success) EnrichProtocol.classify(dup, 200, body, NO_HEADERS, null);
    assertThat(s.entries()).hasSize(2);
    assertThat(s.entries().get(1).matches()).hasSize(1);
  }

  private static void assertProtocolError(EnrichOutcome outcome, String messagePart) {
    assertThat(outcome)
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.PROTOCOL_ERROR);
              assertThat(r.message()).contains(messagePart);
            });
  }
}
