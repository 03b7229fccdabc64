package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.emails;
import static io.personenricher.simulator.SimulatorClient.header;
import static io.personenricher.simulator.SimulatorClient.json;
import static io.personenricher.simulator.SimulatorClient.plus;
import static io.personenricher.simulator.SimulatorClient.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /person/professional_network/enrich/live} as a client sees it, over real HTTP. */
class LiveEnrichHttpTest {

  private static final String KEY = "live-key";
  private static final SimulatedEndpoint LIVE = SimulatedEndpoint.LIVE_ENRICH;

  @RegisterExtension
  static final RunningSimulator SIM =
      new RunningSimulator(
          SimulatorSettings.defaults()
              .withDataset(2_000, 13)
              .withRateLimit(5, Duration.ofSeconds(30))
              .withEndpointRateLimit(LIVE, 3)
              .withEndpointLatency(LIVE, LatencyModel.none())
              .withCreditBalance(100)
              .withApiKeys(Set.of(KEY), Set.of()),
          KEY);

  @Test
  void aNotIndexedProfileIsAMissForEnrichAndAMatchForLive() {
    String url = SIM.people().notIndexedProfileUrlOf(4);
    String body = urls(url);
    HttpResponse<String> enrich = SIM.client().post(SimulatedEndpoint.ENRICH, body);
    assertThat(json(enrich).at("/0/matches")).isEmpty();
    assertThat(header(enrich, "x-credits-used")).isEqualTo("0");
    HttpResponse<String> live = SIM.client().post(LIVE, body);
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
        SIM.client()
            .post(
                LIVE,
                "{\"professional_network_profile_urls\":[\""
                    + SIM.people().profileUrlOf(1)
                    + "\",\""
                    + SIM.people().unknownProfileUrl(2)
                    + "\",\""
                    + SIM.people().profileUrlOf(3)
                    + "/\"],\"fields\":[\"basic_profile\",\"experience\"]}");
    JsonNode body = json(r);
    assertThat(body).hasSize(3);
    assertThat(body.at("/1/matches")).isEmpty();
    assertThat(body.at("/2/matches/0/person_data").fieldNames())
        .toIterable()
        .contains("basic_profile", "experience", "social_handles");
    assertThat(header(r, "x-credits-used")).isEqualTo("14");
    assertThat(json(SIM.client().get(SimulatedEndpoint.USER_CREDITS)).get("credits").asDouble())
        .isEqualTo(86);
  }

  @Test
  void emailsMalformedUrlsAndUnknownFieldsAre400() {
    assertInvalid(SIM.client().post(LIVE, emails(SIM.people().emailOf(1))));
    assertInvalid(
        SIM.client()
            .post(LIVE, "{\"professional_network_profile_urls\":[\"https://example.com/in/x\"]}"));
    assertInvalid(
        SIM.client().post(LIVE, plus(urls(SIM.people().profileUrlOf(1)), "\"fields\":[\"nope\"]")));
    assertInvalid(SIM.client().post(LIVE, "not json"));
  }

  @Test
  void aBalanceBelowSevenPerUrlIs402() {
    SIM.simulator().setCreditBalance(13);
    HttpResponse<String> r =
        SIM.client()
            .post(
                LIVE,
                "{\"professional_network_profile_urls\":[\""
                    + SIM.people().profileUrlOf(1)
                    + "\",\""
                    + SIM.people().profileUrlOf(2)
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
      HttpResponse<String> r = c.post(LIVE, urls(gated.people().profileUrlOf(1)));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(json(r).at("/error/type").asText()).isEqualTo("permission_error");
      assertThat(header(r, "x-ratelimit-limit")).isEqualTo("10");
      assertThat(
              c.post(SimulatedEndpoint.ENRICH, urls(gated.people().profileUrlOf(1))).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void liveHasItsOwnWindowIndependentOfEnrich() {
    String body = urls(SIM.people().profileUrlOf(1));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = SIM.client().post(LIVE, body);
      statuses.add(r.statusCode());
      assertThat(header(r, "x-ratelimit-limit")).isEqualTo("3");
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    HttpResponse<String> enrich = SIM.client().post(SimulatedEndpoint.ENRICH, body);
    assertThat(enrich.statusCode()).isEqualTo(200);
    assertThat(header(enrich, "x-ratelimit-remaining")).isEqualTo("4");
  }

  @Test
  void theLatencyModelDelaysLiveAnswersOnly() {
    SIM.simulator().setLatency(LIVE, LatencyModel.fixed(Duration.ofMillis(300)));
    String body = urls(SIM.people().profileUrlOf(1));
    long start = System.nanoTime();
    assertThat(SIM.client().post(LIVE, body).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(SIM.simulator().faults()).isEqualTo(FaultSettings.none());
  }

  private static void assertInvalid(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request");
    assertThat(header(r, "x-credits-used")).isEqualTo("0");
    SIM.simulator().reset(); // a fresh window for the next one
  }
}
