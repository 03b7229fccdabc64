package io.personenricher.simulator;

import static io.personenricher.simulator.SimulatorClient.emails;
import static io.personenricher.simulator.SimulatorClient.json;
import static io.personenricher.simulator.SimulatorClient.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-endpoint statistics and run-time controls of {@code /admin/*}, over real HTTP. */
class AdminEndpointsHttpTest {

  private static final String KEY = "admin-key";
  private static final String COUNTRY =
      "{\"filters\":{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"Brazil\"},"
          + "\"limit\":4}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final RunningSimulator SIM =
      new RunningSimulator(
          SimulatorSettings.defaults()
              .withDataset(1_000, 21)
              .withRateLimit(2, Duration.ofSeconds(30))
              .withApiKeys(Set.of(KEY), Set.of()),
          KEY);

  @Test
  void faultsTargetOneEndpointAndTheOldKeysStillMeanEnrich() throws Exception {
    admin("POST", "/admin/faults", "{\"endpoint\":\"/person/search\",\"error503\":1}");
    assertThat(SIM.client().post(SimulatedEndpoint.SEARCH, COUNTRY).statusCode()).isEqualTo(503);
    assertThat(enrich().statusCode()).isEqualTo(200);
    admin("POST", "/admin/faults", "{\"forced429\":1}");
    assertThat(enrich().statusCode()).isEqualTo(429);
    assertThat(SIM.simulator().faults(SimulatedEndpoint.SEARCH).forced429()).isZero();
    admin("POST", "/admin/faults", "{\"endpoint\":\"all\",\"error503\":0}");
    assertThat(SIM.client().post(SimulatedEndpoint.SEARCH, COUNTRY).statusCode()).isEqualTo(200);
  }

  @Test
  void entitlementAndTheAccountEndpointsCanBeSwitchedAtRunTime() throws Exception {
    admin("POST", "/admin/faults", "{\"endpoint\":\"/person/contact/enrich\",\"entitled\":false}");
    HttpResponse<String> contact =
        SIM.client()
            .post(SimulatedEndpoint.CONTACT_ENRICH, emails(SIM.simulator().people().emailOf(1)));
    assertThat(contact.statusCode()).isEqualTo(403);
    assertThat(admin("POST", "/admin/faults", "{\"accountEndpoints\":false}").statusCode())
        .isEqualTo(200);
    assertThat(SIM.client().get(SimulatedEndpoint.ACCOUNT_ENDPOINTS).statusCode()).isEqualTo(404);
    JsonNode controls = json(admin("GET", "/admin/faults", null));
    assertThat(controls.at("/endpoints/~1person~1contact~1enrich/entitled").asBoolean()).isFalse();
    assertThat(
            admin("POST", "/admin/faults", "{\"endpoint\":\"/person/enrich\",\"entitled\":false}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void statsKeepTheEnrichFiguresAtTheTopAndBreakEveryEndpointDown() throws Exception {
    enrich();
    enrich();
    enrich(); // the third of a window of two
    SIM.client().post(SimulatedEndpoint.SEARCH, COUNTRY);
    SIM.client().post(SimulatedEndpoint.SEARCH, "{\"limit\":0}");
    SIM.client().get(SimulatedEndpoint.USER_CREDITS);
    SimulatorStats stats = SIM.simulator().stats();
    assertThat(stats.requestsReceived()).isEqualTo(3);
    assertThat(stats.rateLimited429()).isEqualTo(1);
    assertThat(stats.creditsCharged()).isEqualTo(2);
    EndpointStats search = stats.endpoint(SimulatedEndpoint.SEARCH);
    assertThat(search.requests()).isEqualTo(2);
    assertThat(search.results()).isEqualTo(4);
    assertThat(search.statusCounts()).isEqualTo(Map.of(200, 1L, 400, 1L));
    assertThat(search.creditsCharged()).isEqualTo(0.12);
    assertThat(search.maxRequestsInAnyWindow()).isEqualTo(2);
    EndpointStats enrich = stats.endpoint(SimulatedEndpoint.ENRICH);
    assertThat(enrich.identifiers()).isEqualTo(3);
    assertThat(enrich.results()).isEqualTo(2);
    assertThat(stats.endpoint(SimulatedEndpoint.USER_CREDITS).count(200)).isEqualTo(1);
    assertThat(stats.endpoint(SimulatedEndpoint.LIVE_ENRICH).requests()).isZero();

    JsonNode json = json(admin("GET", "/admin/stats", null));
    assertThat(json.get("requestsReceived").asLong()).isEqualTo(3);
    JsonNode searchJson = json.at("/endpoints/~1person~1search");
    assertThat(searchJson.get("requests").asLong()).isEqualTo(2);
    assertThat(searchJson.get("results").asLong()).isEqualTo(4);
    assertThat(searchJson.at("/statusCounts/400").asLong()).isEqualTo(1);
    assertThat(searchJson.get("rateLimited429").asLong()).isZero();
    assertThat(json.at("/endpoints/~1person~1enrich/rateLimited429").asLong()).isEqualTo(1);
  }

  @Test
  void theLastRequestOfAnyEndpointIsRecorded() throws Exception {
    SIM.client().post(SimulatedEndpoint.SEARCH, COUNTRY);
    JsonNode last = json(admin("GET", "/admin/last-request?endpoint=/person/search", null));
    assertThat(last.get("path").asText()).isEqualTo("/person/search");
    assertThat(last.get("body").asText()).isEqualTo(COUNTRY);
    assertThat(SIM.simulator().lastRequest()).isEmpty();
  }

  private static HttpResponse<String> enrich() {
    return SIM.client()
        .post(SimulatedEndpoint.ENRICH, urls(SIM.simulator().people().profileUrlOf(2)));
  }

  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(SIM.simulator().baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
