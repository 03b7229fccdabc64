package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.header;
import static io.personenricher.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /person/professional_network/enrich/live} as a client sees it, over real HTTP. */
class LiveEnrichHttpTest {

  private static final String KEY = "live-key";
  private static final SimulatedEndpoint LIVE = SimulatedEndpoint.LIVE_ENRICH;
  private static CrustdataSimulator sim;
  private static SimulatorClient client;
  private static SyntheticPeople people;

  @BeforeAll
  static void start() {
    sim =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(2_000, 13)
                .withRateLimit(5, Duration.ofSeconds(30))
                .withEndpointRateLimit(LIVE, 3)
                .withEndpointLatency(LIVE, LatencyModel.none())
                .withCreditBalance(100)
                .withApiKeys(Set.of(KEY), Set.of()));
    sim.start();
    client = new SimulatorClient(sim, KEY);
    people = sim.people();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.reset();
  }

  @Test
  void aNotIndexedProfileIsAMissForEnrichAndAMatchForLive() {
    String url = people.notIndexedProfileUrlOf(4);
    String body = "{\"professional_network_profile_urls\":[\"" + url + "\"]}";
    HttpResponse<String> enrich = client.post(SimulatedEndpoint.ENRICH, body);
    assertThat(json(enrich).at("/0/matches")).isEmpty();
    assertThat(header(enrich, "x-credits-used")).isEqualTo("0");
    HttpResponse<String> live = client.post(LIVE, body);
    assertThat(live.statusCode()).isEqualTo(200);
    JsonNode entry = json(live).get(0);
    assertThat(entry.get("matched_on").asText()).isEqualTo(url);
    assertThat(entry.get("match_type").asText()).isEqualTo("professional_network_profile_url");
    assertThat(entry.at("/matches/0/confidence_score").asDouble()).isEqualTo(1.0);
    assertThat(
            entry
                .at(
                    "/matches/0/person_data/social_handles/professional_network_identifier/profile_url")
                .asText())
        .isEqualTo(url);
    assertThat(header(live, "x-credits-used")).isEqualTo("7");
  }

  @Test
  void sevenCreditsPerMatchedProfileInTheEnrichEnvelopeAndNoneForAMiss() {
    HttpResponse<String> r =
        client.post(
            LIVE,
            "{\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(1)
                + "\",\""
                + people.unknownProfileUrl(2)
                + "\",\""
                + people.profileUrlOf(3)
                + "/\"],\"fields\":[\"basic_profile\",\"experience\"]}");
    JsonNode body = json(r);
    assertThat(body).hasSize(3);
    assertThat(body.at("/1/matches")).isEmpty();
    assertThat(body.at("/2/matches/0/person_data").fieldNames())
        .toIterable()
        .contains("basic_profile", "experience", "social_handles");
    assertThat(header(r, "x-credits-used")).isEqualTo("14");
    assertThat(json(client.get(SimulatedEndpoint.USER_CREDITS)).get("credits").asDouble())
        .isEqualTo(86);
  }

  @Test
  void emailsMalformedUrlsAndUnknownFieldsAre400() {
    assertInvalid(client.post(LIVE, "{\"business_emails\":[\"" + people.emailOf(1) + "\"]}"));
    assertInvalid(
        client.post(
            LIVE, "{\"professional_network_profile_urls\":[\"https://example.com/in/x\"]}"));
    assertInvalid(
        client.post(
            LIVE,
            "{\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(1)
                + "\"],\"fields\":[\"nope\"]}"));
    assertInvalid(client.post(LIVE, "not json"));
  }

  @Test
  void aBalanceBelowSevenPerUrlIs402() {
    sim.setCreditBalance(13);
    HttpResponse<String> r =
        client.post(
            LIVE,
            "{\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(1)
                + "\",\""
                + people.profileUrlOf(2)
                + "\"]}");
    assertThat(r.statusCode()).isEqualTo(402);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("insufficient_credits");
  }

  @Test
  void aPlanWithoutLiveEnrichGets403PermissionError() {
    try (CrustdataSimulator gated =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(100, 13)
                .withEntitlement(LIVE, false)
                .withApiKeys(Set.of(KEY), Set.of()))) {
      gated.start();
      SimulatorClient c = new SimulatorClient(gated, KEY);
      HttpResponse<String> r =
          c.post(
              LIVE,
              "{\"professional_network_profile_urls\":[\""
                  + gated.people().profileUrlOf(1)
                  + "\"]}");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(json(r).at("/error/type").asText()).isEqualTo("permission_error");
      assertThat(header(r, "x-ratelimit-limit")).isEqualTo("10");
      assertThat(
              c.post(
                      SimulatedEndpoint.ENRICH,
                      "{\"professional_network_profile_urls\":[\""
                          + gated.people().profileUrlOf(1)
                          + "\"]}")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void liveHasItsOwnWindowIndependentOfEnrich() {
    String body = "{\"professional_network_profile_urls\":[\"" + people.profileUrlOf(1) + "\"]}";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = client.post(LIVE, body);
      statuses.add(r.statusCode());
      assertThat(header(r, "x-ratelimit-limit")).isEqualTo("3");
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    HttpResponse<String> enrich = client.post(SimulatedEndpoint.ENRICH, body);
    assertThat(enrich.statusCode()).isEqualTo(200);
    assertThat(header(enrich, "x-ratelimit-remaining")).isEqualTo("4");
  }

  @Test
  void theLatencyModelDelaysLiveAnswersOnly() {
    sim.setLatency(LIVE, LatencyModel.fixed(Duration.ofMillis(300)));
    String body = "{\"professional_network_profile_urls\":[\"" + people.profileUrlOf(1) + "\"]}";
    long start = System.nanoTime();
    assertThat(client.post(LIVE, body).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(sim.faults()).isEqualTo(FaultSettings.none());
  }

  private static void assertInvalid(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request");
    assertThat(header(r, "x-credits-used")).isEqualTo("0");
    sim.reset(); // a fresh window for the next one
  }
}
