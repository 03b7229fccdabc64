package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.header;
import static io.personenricher.simulator.SimulatorClient.json;
import static io.personenricher.simulator.SimulatorClient.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /person/search} as a client sees it, over real HTTP. */
class SearchHttpTest {

  private static final String KEY = "search-key";
  private static final String COUNTRY =
      "{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"Canada\"}";

  @RegisterExtension
  static final RunningSimulator SIM =
      new RunningSimulator(
          SimulatorSettings.defaults()
              .withDataset(4_000, 9)
              .withRateLimit(3, Duration.ofSeconds(30))
              .withEndpointRateLimit(SimulatedEndpoint.SEARCH, 6)
              .withApiKeys(Set.of(KEY), Set.of()),
          KEY);

  @Test
  void aSearchAnswersProfilesWithTheirUrlsATotalAndCreditsPerResult() {
    HttpResponse<String> r = search("{\"filters\":" + COUNTRY + ",\"limit\":3}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("profiles")).hasSize(3);
    assertThat(body.get("total_count").asInt()).isGreaterThan(3);
    assertThat(body.get("next_cursor").isTextual()).isTrue();
    for (JsonNode p : body.get("profiles")) {
      assertThat(p.at("/basic_profile/location/country").asText()).isEqualTo("Canada");
      String url = p.at("/social_handles/professional_network_identifier/profile_url").asText();
      HttpResponse<String> enriched = SIM.client().post(SimulatedEndpoint.ENRICH, urls(url));
      assertThat(json(enriched).at("/0/matches/0/person_data/crustdata_person_id").asLong())
          .isEqualTo(p.get("crustdata_person_id").asLong());
    }
    assertThat(header(r, "x-credits-used")).isEqualTo("0.09");
    assertThat(header(r, "x-ratelimit-limit")).isEqualTo("6");
    assertThat(header(r, "x-ratelimit-remaining")).isEqualTo("5");
  }

  @Test
  void paginationWalksToTheEndWithStableCursorsAndNoRepeats() {
    String query = "{\"filters\":" + COUNTRY + ",\"limit\":100,\"fields\":[\"basic_profile.name\"]";
    JsonNode first = json(search(query + "}"));
    int total = first.get("total_count").asInt();
    Set<Long> seen = new HashSet<>();
    first.get("profiles").forEach(p -> seen.add(p.get("crustdata_person_id").asLong()));
    String cursor = first.get("next_cursor").asText();
    String again = json(search(query + "}")).get("next_cursor").asText();
    assertThat(again).as("the same query gives the same cursor").isEqualTo(cursor);
    JsonNode second = json(search(query + ",\"cursor\":\"" + cursor + "\"}"));
    JsonNode secondAgain = json(search(query + ",\"cursor\":\"" + cursor + "\"}"));
    assertThat(secondAgain).as("the same cursor gives the same page").isEqualTo(second);
    JsonNode page = second;
    for (int pages = 2; pages <= total; pages++) {
      page.get("profiles")
          .forEach(p -> assertThat(seen.add(p.get("crustdata_person_id").asLong())).isTrue());
      if (page.get("next_cursor").isNull()) {
        break;
      }
      SIM.simulator().reset(); // only the rate window is in the way of a long walk
      page = json(search(query + ",\"cursor\":\"" + page.get("next_cursor").asText() + "\"}"));
    }
    assertThat(page.get("next_cursor").isNull()).as("the last page has no cursor").isTrue();
    assertThat(seen).hasSize(total);
  }

  @Test
  void limitIsBoundedAndCountIsItsAlias() {
    assertThat(json(search("{\"filters\":" + COUNTRY + "}")).get("profiles")).hasSize(20);
    assertThat(json(search("{\"filters\":" + COUNTRY + ",\"count\":2}")).get("profiles"))
        .hasSize(2);
    assertError(search("{\"filters\":" + COUNTRY + ",\"limit\":0}"), "limit");
    assertError(search("{\"filters\":" + COUNTRY + ",\"limit\":1001}"), "limit");
  }

  @Test
  void eachInvalidRequestIsA400InvalidRequest() {
    assertError(
        search("{\"filters\":{\"field\":\"current_title\",\"type\":\"=\",\"value\":\"CTO\"}}"),
        "Supported fields: ['basic_profile.name'");
    assertError(
        search(
            "{\"filters\":{\"field\":\"social_handles.professional_network_identifier.profile_url\","
                + "\"type\":\"=\",\"value\":\"https://www.linkedin.com/in/x\"}}"),
        "/person/enrich");
    assertError(
        search("{\"filters\":{\"field\":\"basic_profile.name\",\"type\":\">=\",\"value\":\"a\"}}"),
        "Unsupported operator");
    assertError(search("{\"filters\": {"), "JSON object");
    assertError(search("{\"limit\":5}"), "filters");
    assertError(search("{\"filters\":" + COUNTRY + ",\"cursor\":\"bm9wZQ\"}"), "cursor");
  }

  @Test
  void noResultsCostNothing() {
    HttpResponse<String> r =
        search("{\"filters\":{\"field\":\"basic_profile.name\",\"type\":\"=\",\"value\":\"Zed\"}}");
    assertThat(json(r).get("total_count").asInt()).isZero();
    assertThat(json(r).get("next_cursor").isNull()).isTrue();
    assertThat(header(r, "x-credits-used")).isEqualTo("0");
  }

  @Test
  void aBadKeyGetsTheFlat401AndTheWindowIsSearchsOwn() {
    HttpResponse<String> unauthorized =
        SIM.client().as("nope").post(SimulatedEndpoint.SEARCH, "{\"filters\":" + COUNTRY + "}");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(json(unauthorized).toString())
        .isEqualTo("{\"message\":\"Invalid API key in request\"}");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(search("{\"filters\":" + COUNTRY + ",\"limit\":1}").statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429);
    HttpResponse<String> enrich =
        SIM.client().post(SimulatedEndpoint.ENRICH, urls(SIM.simulator().people().profileUrlOf(0)));
    assertThat(enrich.statusCode()).as("enrich's window is untouched").isEqualTo(200);
    assertThat(header(enrich, "x-ratelimit-remaining")).isEqualTo("2");
  }

  @Test
  void exhaustingEnrichLeavesSearchAlone() {
    for (int i = 0; i < 3; i++) {
      SIM.client().post(SimulatedEndpoint.ENRICH, "{\"business_emails\":[\"a@b.example\"]}");
    }
    assertThat(
            SIM.client()
                .post(SimulatedEndpoint.ENRICH, "{\"business_emails\":[\"a@b.example\"]}")
                .statusCode())
        .isEqualTo(429);
    assertThat(search("{\"filters\":" + COUNTRY + "}").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> search(String body) {
    return SIM.client().post(SimulatedEndpoint.SEARCH, body);
  }

  private static void assertError(HttpResponse<String> r, String messagePart) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode error = json(r).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request");
    assertThat(error.get("message").asText()).contains(messagePart);
    assertThat(header(r, "x-ratelimit-limit")).isEqualTo("6");
    assertThat(header(r, "x-credits-used")).isEqualTo("0");
    SIM.simulator().reset();
  }
}
