package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.header;
import static io.personenricher.simulator.SimulatorClient.json;
import static io.personenricher.simulator.SimulatorClient.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account endpoints and the per-endpoint rate windows, over real HTTP. */
class AccountEndpointsHttpTest {

  private static final String KEY = "acct-key";
  private static final String SELF_SERVE = "self-serve-key";

  @RegisterExtension
  static final RunningSimulator SIM =
      new RunningSimulator(
          SimulatorSettings.defaults()
              .withDataset(500, 3)
              .withRateLimit(4, Duration.ofSeconds(30))
              .withEndpointRateLimit(SimulatedEndpoint.ACCOUNT_ENDPOINTS, 3)
              .withEndpointRateLimit(SimulatedEndpoint.USER_CREDITS, 2)
              .withCreditBalance(250)
              .withApiKeys(Set.of(KEY), Set.of(SELF_SERVE)),
          KEY);

  @Test
  void accountEndpointsListsEachServedEndpointWithItsLimitPerMinuteAndFields() {
    HttpResponse<String> r = SIM.client().get(SimulatedEndpoint.ACCOUNT_ENDPOINTS);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("api_version").asText()).isEqualTo("2025-11-01");
    Map<String, JsonNode> byPath = new HashMap<>();
    body.get("endpoints").forEach(e -> byPath.put(e.get("path").asText(), e));
    JsonNode enrich = byPath.get("/person/enrich");
    assertThat(enrich.get("category").asText()).isEqualTo("person");
    assertThat(enrich.get("status").asText()).isEqualTo("enabled");
    assertThat(enrich.get("effective_rate_limit_rpm").asLong())
        .as("4 per 30 s is 8 per minute")
        .isEqualTo(8);
    assertThat(enrich.at("/fields/enabled").toString()).contains("basic_profile", "contact");
    assertThat(enrich.at("/fields/disabled")).isEmpty();
    assertThat(byPath.get("/account/endpoints").get("effective_rate_limit_rpm").asLong())
        .isEqualTo(6);
    assertThat(byPath.get("/account/endpoints").get("category").asText()).isEqualTo("account");
    long sum = 0;
    for (JsonNode e : body.get("endpoints")) {
      sum += e.get("effective_rate_limit_rpm").asLong();
    }
    assertThat(body.get("token_limit_rpm").asLong()).isEqualTo(sum);
    assertThat(header(r, "x-credits-used")).isEqualTo("0");
  }

  @Test
  void aKeyWithoutEntitlementSeesThePersonEndpointsNotEnabledButMayReadItsAccount() {
    HttpResponse<String> r = SIM.client().as(SELF_SERVE).get(SimulatedEndpoint.ACCOUNT_ENDPOINTS);
    assertThat(r.statusCode()).isEqualTo(200);
    for (JsonNode e : json(r).get("endpoints")) {
      String expected = e.get("category").asText().equals("person") ? "not_enabled" : "enabled";
      assertThat(e.get("status").asText()).as(e.get("path").asText()).isEqualTo(expected);
    }
    JsonNode enrich = json(r).get("endpoints").get(0);
    assertThat(enrich.at("/fields/enabled")).isEmpty();
    assertThat(enrich.at("/fields/disabled")).isNotEmpty();
    assertThat(SIM.client().as(SELF_SERVE).get(SimulatedEndpoint.USER_CREDITS).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theCreditEndpointsReportTheSharedBalanceAfterACharge() {
    assertThat(json(SIM.client().get(SimulatedEndpoint.USER_CREDITS)).toString())
        .isEqualTo("{\"credits\":250}");
    SIM.client().post(SimulatedEndpoint.ENRICH, urls(SIM.simulator().people().profileUrlOf(1)));
    JsonNode account = json(SIM.client().get(SimulatedEndpoint.ACCOUNT_CREDITS)).get("account");
    assertThat(account.get("credits").asDouble()).isEqualTo(249);
    assertThat(account.has("recurring_credits")).isTrue();
    assertThat(account.get("recurring_credits_frequency").isNull()).isTrue();
    assertThat(account.get("recurring_credits_refresh_date").isNull()).isTrue();
    assertThat(account.get("credit_rollover").asBoolean()).isFalse();
  }

  @Test
  void eachEndpointHasItsOwnWindowPerKeyAndItsOwnHeaders() {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> ok = SIM.client().get(SimulatedEndpoint.USER_CREDITS);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(header(ok, "x-ratelimit-limit")).isEqualTo("2");
      assertThat(header(ok, "x-ratelimit-remaining")).isEqualTo(Integer.toString(1 - i));
    }
    HttpResponse<String> limited = SIM.client().get(SimulatedEndpoint.USER_CREDITS);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(header(limited, "x-ratelimit-reset"))).isBetween(1L, 30L);
    HttpResponse<String> account = SIM.client().get(SimulatedEndpoint.ACCOUNT_CREDITS);
    assertThat(account.statusCode()).as("another endpoint, another window").isEqualTo(200);
    assertThat(header(account, "x-ratelimit-limit")).isEqualTo("300");
    HttpResponse<String> enrich =
        SIM.client().post(SimulatedEndpoint.ENRICH, urls(SIM.simulator().people().profileUrlOf(1)));
    assertThat(enrich.statusCode()).isEqualTo(200);
    assertThat(header(enrich, "x-ratelimit-limit")).isEqualTo("4");
    assertThat(header(enrich, "x-ratelimit-remaining")).isEqualTo("3");
    assertThat(SIM.client().as(SELF_SERVE).get(SimulatedEndpoint.USER_CREDITS).statusCode())
        .as("another key, another window")
        .isEqualTo(200);
  }

  @Test
  void theAccountEndpointsNeedAKeyAndTheVersionHeader() {
    HttpResponse<String> missing = SIM.client().as(null).get(SimulatedEndpoint.ACCOUNT_ENDPOINTS);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("message").asText()).isEqualTo("Missing API key in request");
    assertThat(header(missing, "x-ratelimit-limit")).isEqualTo("3");
    assertThat(SIM.client().as("nope").get(SimulatedEndpoint.USER_CREDITS).statusCode())
        .isEqualTo(401);
  }

  @Test
  void anAccountWithoutTheEndpointsListAnswers404() {
    try (CrustdataSimulator without =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(100, 3)
                .withAccountEndpoints(false)
                .withApiKeys(Set.of(KEY), Set.of()))) {
      without.start();
      SimulatorClient c = new SimulatorClient(without, KEY);
      assertThat(c.get(SimulatedEndpoint.ACCOUNT_ENDPOINTS).statusCode()).isEqualTo(404);
      assertThat(c.get(SimulatedEndpoint.USER_CREDITS).statusCode()).isEqualTo(200);
    }
  }
}
