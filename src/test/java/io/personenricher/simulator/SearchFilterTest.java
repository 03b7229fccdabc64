package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each operator, checked against a plain evaluation of the same question over the index. */
class SearchFilterTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(5, 2_000);
  private static final SearchIndex X = new SearchIndex(PEOPLE);

  @Test
  void equalsMatchesAnyValueIgnoringCaseAndNotEqualsMatchesNone() {
    assertSame(
        "{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"germany\"}",
        i -> X.location(i, 2).equals("Germany"));
    assertSame(
        "{\"field\":\"skills.professional_network_skills\",\"type\":\"=\",\"value\":\"Kafka\"}",
        i -> List.of(X.skills(i)).contains("Kafka"));
    assertSame(
        "{\"field\":\"skills.professional_network_skills\",\"type\":\"!=\",\"value\":\"Kafka\"}",
        i -> !List.of(X.skills(i)).contains("Kafka"));
  }

  @Test
  void comparisonsUseNumbersForNumericFieldsAndTheValuesLengthForDates() {
    assertSame(
        "{\"field\":\"years_of_experience_raw\",\"type\":\"=>\",\"value\":10}",
        i -> X.yearsOfExperience(i) >= 10);
    assertSame(
        "{\"field\":\"years_of_experience_raw\",\"type\":\"<\",\"value\":\"9\"}",
        i -> X.yearsOfExperience(i) < 9);
    assertSame(
        "{\"field\":\"professional_network.connections\",\"type\":\">\",\"value\":400}",
        i -> X.connections(i) > 400);
    assertSame(
        "{\"field\":\"metadata.updated_at\",\"type\":\"=<\",\"value\":\"2026-03-15\"}",
        i -> X.updatedAt(i).substring(0, 10).compareTo("2026-03-15") <= 0);
    assertSame(
        "{\"field\":\"metadata.updated_at\",\"type\":\"=\",\"value\":\"2026-03\"}",
        i -> X.updatedAt(i).startsWith("2026-03"));
    assertSame(
        "{\"field\":\"basic_profile.name\",\"type\":\"<\",\"value\":\"b\"}",
        i -> X.name(i).toLowerCase(Locale.ROOT).compareTo("b") < 0);
  }

  @Test
  void inAndNotInTakeListsAndBooleansTakeEquality() {
    assertSame(
        "{\"field\":\"experience.employment_details.current.title\",\"type\":\"in\","
            + "\"value\":[\"CTO\",\"ceo\"]}",
        i -> X.title(i).equals("CTO") || X.title(i).equals("CEO"));
    assertSame(
        "{\"field\":\"education.schools.school\",\"type\":\"not_in\",\"value\":[\"MIT\"]}",
        i -> !X.school(i).equals("MIT"));
    assertSame(
        "{\"field\":\"recently_changed_jobs\",\"type\":\"=\",\"value\":true}",
        X::recentlyChangedJobs);
  }

  @Test
  void regexFindsAnywhereWithBarAsOrAndPhraseNeedsWholeWords() {
    assertSame(
        "{\"field\":\"experience.employment_details.current.title\",\"type\":\"(.)\","
            + "\"value\":\"engineer|scientist\"}",
        i -> {
          String t = X.title(i).toLowerCase(Locale.ROOT);
          return t.contains("engineer") || t.contains("scientist");
        });
    assertSame(
        "{\"field\":\"basic_profile.headline\",\"type\":\"[.]\",\"value\":\"software engineer\"}",
        i -> X.title(i).contains("Software Engineer"));
    assertSame(
        "{\"field\":\"experience.employment_details.current.title\",\"type\":\"[.]\","
            + "\"value\":\"Engine\"}",
        i -> false);
  }

  @Test
  void theCompanyFieldCoversCurrentAndPastJobs() {
    String company = X.pastCompanyNames(firstWithPastJob())[0];
    assertSame(
        "{\"field\":\"experience.employment_details.company_name\",\"type\":\"=\",\"value\":\""
            + company
            + "\"}",
        i -> X.companyName(i).equals(company) || List.of(X.pastCompanyNames(i)).contains(company));
  }

  @Test
  void groupsCombineAndNest() {
    assertSame(
        "{\"op\":\"and\",\"conditions\":["
            + "{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"India\"},"
            + "{\"op\":\"or\",\"conditions\":["
            + "{\"field\":\"skills.professional_network_skills\",\"type\":\"=\",\"value\":\"Go\"},"
            + "{\"field\":\"years_of_experience_raw\",\"type\":\">\",\"value\":14}]}]}",
        i ->
            X.location(i, 2).equals("India")
                && (List.of(X.skills(i)).contains("Go") || X.yearsOfExperience(i) > 14));
  }

  @Test
  void anUnsupportedFieldIsA400ListingTheSupportedOnes() {
    String message = rejection("{\"field\":\"current_title\",\"type\":\"=\",\"value\":\"CTO\"}");
    assertThat(message)
        .contains("Unsupported filter field: 'current_title'")
        .contains("'basic_profile.name'", "'metadata.updated_at'", "'recently_changed_jobs'");
  }

  @Test
  void theProfileUrlIsRefusedAsAFilter() {
    assertThat(
            rejection(
                "{\"field\":\"social_handles.professional_network_identifier.profile_url\","
                    + "\"type\":\"=\",\"value\":\"https://www.linkedin.com/in/x\"}"))
        .contains("/person/enrich");
  }

  @Test
  void malformedConditionsAndGroupsAreEach400() {
    for (String bad :
        List.of(
            "{\"field\":\"basic_profile.name\",\"type\":\">=\",\"value\":\"a\"}",
            "{\"field\":\"basic_profile.name\",\"type\":\"geo_distance\",\"value\":\"a\"}",
            "{\"field\":\"basic_profile.name\",\"value\":\"a\"}",
            "{\"field\":\"basic_profile.name\",\"type\":\"=\"}",
            "{\"field\":\"basic_profile.name\",\"type\":\"in\",\"value\":\"a\"}",
            "{\"field\":\"years_of_experience_raw\",\"type\":\"=\",\"value\":\"ten\"}",
            "{\"field\":\"years_of_experience_raw\",\"type\":\"(.)\",\"value\":\"1\"}",
            "{\"field\":\"recently_changed_jobs\",\"type\":\">\",\"value\":true}",
            "{\"field\":\"recently_changed_jobs\",\"type\":\"=\",\"value\":\"maybe\"}",
            "{\"field\":\"basic_profile.name\",\"type\":\"(.)\",\"value\":\"(\"}",
            "{\"field\":\"basic_profile.name\",\"type\":\"=\",\"value\":{\"a\":1}}",
            "{\"op\":\"xor\",\"conditions\":[]}",
            "{\"op\":\"and\",\"conditions\":[]}",
            "{\"op\":\"and\"}",
            "{\"column\":\"basic_profile.name\"}",
            "[]")) {
      assertThat(rejection(bad)).as(bad).isNotBlank();
    }
    assertThat(rejection(null)).contains("filters is required");
  }

  @Test
  void nestingIsBounded() {
    String leaf = "{\"field\":\"basic_profile.name\",\"type\":\"=\",\"value\":\"a\"}";
    String deep = leaf;
    for (int d = 0; d <= SearchFilter.MAX_DEPTH; d++) {
      deep = "{\"op\":\"and\",\"conditions\":[" + deep + "]}";
    }
    assertThat(rejection(deep)).contains("deeper");
  }

  private static void assertSame(String filter, IntPredicate expected) {
    SearchFilter.Condition condition = SearchFilter.compile(json(filter));
    int[] actual = IntStream.range(0, X.size()).filter(i -> condition.test(X, i)).toArray();
    int[] wanted = IntStream.range(0, X.size()).filter(expected).toArray();
    assertThat(actual).as(filter).isEqualTo(wanted);
    assertThat(wanted.length)
        .as("a filter that matches everybody or nobody checks little: " + filter)
        .isBetween(filter.contains("\"Engine\"") ? 0 : 1, X.size() - 1);
  }

  private static String rejection(String filter) {
    ApiRejection r =
        catchThrowableOfType(
            ApiRejection.class, () -> SearchFilter.compile(filter == null ? null : json(filter)));
    assertThat(r).as(filter).isNotNull();
    assertThat(r.answer().status()).isEqualTo(400);
    assertThat(r.answer().body()).contains("invalid_request");
    return SimulatorClient.parse(r.answer().body()).at("/error/message").asText();
  }

  private static int firstWithPastJob() {
    return IntStream.range(0, X.size())
        .filter(i -> X.pastCompanyNames(i).length > 0)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode json(String text) {
    return SimulatorClient.parse(text);
  }
}
