package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchEndpointTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(5, 3_000);
  private static final SearchProfiles PROFILES = new SearchProfiles(PEOPLE);
  private static final SearchIndex X = new SearchIndex(PEOPLE);
  private static final String JAPAN =
      "{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"Japan\"}";

  private final CreditAccount credits = new CreditAccount(1_000);
  private final SearchEndpoint endpoint = new SearchEndpoint(PEOPLE, PROFILES, credits);

  @Test
  void pagesThroughEveryMatchOnceInOrderUntilTheCursorIsNull() {
    int[] expected =
        IntStream.range(0, X.size()).filter(i -> X.location(i, 2).equals("Japan")).toArray();
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          page(
              "{\"filters\":"
                  + JAPAN
                  + ",\"limit\":50"
                  + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"")
                  + "}");
      assertThat(page.get("total_count").asInt()).isEqualTo(expected.length);
      page.get("profiles").forEach(p -> ids.add(p.get("crustdata_person_id").asLong()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages <= expected.length);
    assertThat(pages).isEqualTo((expected.length + 49) / 50);
    assertThat(ids)
        .containsExactlyElementsOf(IntStream.of(expected).mapToObj(X::personId).toList());
  }

  @Test
  void everyResultsProfileUrlIsAPersonTheEnrichLookupFinds() {
    JsonNode page = page("{\"filters\":" + JAPAN + ",\"limit\":25}");
    for (JsonNode p : page.get("profiles")) {
      String url = p.at("/social_handles/professional_network_identifier/profile_url").asText();
      assertThat(PEOPLE.findByProfileUrl(url).orElseThrow().crustdataPersonId())
          .isEqualTo(p.get("crustdata_person_id").asLong());
      assertThat(p.at("/basic_profile/location/country").asText()).isEqualTo("Japan");
    }
  }

  @Test
  void eachReturnedProfileCostsThreeHundredthsOfACreditAndNoResultsCostNothing() {
    ApiAnswer three = endpoint.handle(call("{\"filters\":" + JAPAN + ",\"limit\":3}"), "k", none());
    assertThat(three.credits()).isEqualTo(0.09);
    assertThat(three.results()).isEqualTo(3);
    assertThat(credits.balance()).isEqualTo(1_000 - 0.09);
    ApiAnswer nothing =
        endpoint.handle(
            call(
                "{\"filters\":{\"field\":\"basic_profile.name\",\"type\":\"=\",\"value\":\"nobody\"}}"),
            "k",
            none());
    assertThat(SimulatorClient.parse(nothing.body()).toString())
        .isEqualTo("{\"profiles\":[],\"next_cursor\":null,\"total_count\":0}");
    assertThat(nothing.credits()).isZero();
  }

  @Test
  void aBalanceBelowAFullPageIs402() {
    credits.setBalance(0.5);
    ApiRejection r =
        catchThrowableOfType(
            ApiRejection.class,
            () -> endpoint.handle(call("{\"filters\":" + JAPAN + ",\"limit\":20}"), "k", none()));
    assertThat(r.answer().status()).isEqualTo(402);
    assertThat(endpoint.handle(call("{\"filters\":" + JAPAN + ",\"limit\":10}"), "k", none()))
        .extracting(ApiAnswer::status)
        .isEqualTo(200);
  }

  @Test
  void sortsOrderTheResultsAndExclusionsRemoveThemFromTheCount() {
    JsonNode sorted =
        page(
            "{\"filters\":"
                + JAPAN
                + ",\"limit\":1000,\"sorts\":[{\"field\":\"professional_network.connections\","
                + "\"order\":\"desc\"}]}");
    List<Integer> connections = new ArrayList<>();
    sorted
        .get("profiles")
        .forEach(p -> connections.add(p.at("/professional_network/connections").asInt()));
    assertThat(connections).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    JsonNode first = sorted.at("/profiles/0");
    int total = sorted.get("total_count").asInt();
    JsonNode withoutProfile =
        page(
            "{\"filters\":"
                + JAPAN
                + ",\"limit\":1000,\"post_processing\":{\"exclude_profiles\":[\""
                + first.at("/social_handles/professional_network_identifier/profile_url").asText()
                + "\"]}}");
    assertThat(withoutProfile.get("total_count").asInt()).isEqualTo(total - 1);
    assertThat(ids(withoutProfile)).doesNotContain(first.get("crustdata_person_id").asLong());
    String name = first.at("/basic_profile/name").asText();
    JsonNode withoutName =
        page(
            "{\"filters\":"
                + JAPAN
                + ",\"limit\":1000,\"post_processing\":{\"exclude_names\":[\""
                + name.toUpperCase(java.util.Locale.ROOT)
                + "\"]}}");
    long sameName = countByName(sorted, name);
    assertThat(withoutName.get("total_count").asInt()).isEqualTo(total - (int) sameName);
    assertThat(countByName(withoutName, name)).isZero();
  }

  private static Set<Long> ids(JsonNode page) {
    Set<Long> ids = new HashSet<>();
    page.get("profiles").forEach(p -> ids.add(p.get("crustdata_person_id").asLong()));
    return ids;
  }

  private static long countByName(JsonNode page, String name) {
    long n = 0;
    for (JsonNode p : page.get("profiles")) {
      n += p.at("/basic_profile/name").asText().equals(name) ? 1 : 0;
    }
    return n;
  }

  @Test
  void aCursorBeyondTheEndGivesAnEmptyLastPage() {
    String query = "{\"filters\":" + JAPAN + "}";
    String fingerprint =
        SearchRequest.read(
                (com.fasterxml.jackson.databind.node.ObjectNode) SimulatorClient.parse(query),
                PROFILES)
            .fingerprint();
    JsonNode page =
        page(
            "{\"filters\":"
                + JAPAN
                + ",\"cursor\":\""
                + SearchCursor.encode(1_000_000, fingerprint)
                + "\"}");
    assertThat(page.get("profiles")).isEmpty();
    assertThat(page.get("next_cursor").isNull()).isTrue();
  }

  private JsonNode page(String body) {
    ApiAnswer answer = endpoint.handle(call(body), "k", none());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return SimulatorClient.parse(answer.body());
  }

  private static FaultSettings none() {
    return FaultSettings.none();
  }

  private static ApiCall call(String body) {
    return ApiCall.of(SimulatedEndpoint.SEARCH, "Bearer k", "2025-11-01", body, 0);
  }
}
