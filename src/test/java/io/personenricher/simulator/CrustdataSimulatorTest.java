package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrustdataSimulatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "test-key";
  private static final String FORBIDDEN_KEY = "no-enrich-key";
  private static CrustdataSimulator sim;
  private static SyntheticPeople people;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    sim =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(3_000, 11)
                .withRateLimit(5, Duration.ofSeconds(30))
                .withApiKeys(Set.of(KEY), Set.of(FORBIDDEN_KEY)));
    sim.start();
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

  // --- §4.4 validation order
  // ----------------------------------------------------------------------------

  @Test
  void missingKeyGetsA401FlatBodyWithRateHeadersAndZeroCredits() throws Exception {
    HttpResponse<String> r = send(Map.of("x-api-version", "2025-11-01"), urls(0));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(r.body()))
        .isEqualTo(JSON.readTree("{\"message\":\"Missing API key in request\"}"));
    assertThat(r.headers().firstValue("x-ratelimit-limit")).contains("5");
    assertThat(r.headers().firstValue("x-ratelimit-remaining")).contains("5");
    assertThat(r.headers().firstValue("x-ratelimit-reset")).isPresent();
    assertThat(r.headers().firstValue("x-credits-used")).contains("0");
  }

  @Test
  void unknownKeyGetsA401InvalidAndConsumesNoQuota() throws Exception {
    HttpResponse<String> r = send(headers("wrong-key"), urls(0));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(r.body()).get("message").asText())
        .isEqualTo("Invalid API key in request");
    assertThat(send(headers("Token " + KEY, true), urls(0)).statusCode())
        .as("legacy Token scheme")
        .isEqualTo(401);
    assertThat(send(headers(KEY), urls(0)).headers().firstValue("x-ratelimit-remaining"))
        .contains("4");
  }

  @Test
  void slidingWindowAnswers429BeyondTheLimitWithHeadersOnEveryResponse() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> ok = send(headers(KEY), urls(i));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("x-ratelimit-remaining"))
          .contains(Integer.toString(4 - i));
      assertThat(Long.parseLong(ok.headers().firstValue("x-ratelimit-reset").orElseThrow()))
          .isBetween(1L, 30L);
    }
    HttpResponse<String> limited = send(headers(KEY), urls(0));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("x-ratelimit-remaining")).contains("0");
    assertThat(Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElseThrow()))
        .isBetween(1L, 30L);
    assertThat(limited.headers().firstValue("x-credits-used")).contains("0");
    // Order: auth before the rate limit; the rate limit before the version header.
    assertThat(send(headers("bad"), urls(0)).statusCode()).isEqualTo(401);
    assertThat(send(Map.of("authorization", "Bearer " + KEY), urls(0)).statusCode()).isEqualTo(429);
    assertThat(sim.stats().rateLimited429()).isEqualTo(2);
  }

  @Test
  void missingOrWrongVersionHeaderIsA400InvalidRequestAfterAuth() throws Exception {
    HttpResponse<String> missing = send(Map.of("authorization", "Bearer " + KEY), urls(0));
    assertError(missing, 400, "invalid_request");
    assertThat(missing.headers().firstValue("x-ratelimit-remaining")).contains("4");
    assertError(
        send(Map.of("authorization", "Bearer " + KEY, "x-api-version", "2024-01-01"), urls(0)),
        400,
        "invalid_request");
  }

  @Test
  void keyWithoutEntitlementGets403PermissionErrorAfterTheVersionCheck() throws Exception {
    assertError(send(headers(FORBIDDEN_KEY), urls(0)), 403, "permission_error");
    assertError(
        send(Map.of("authorization", "Bearer " + FORBIDDEN_KEY), urls(0)), 400, "invalid_request");
  }

  @Test
  void bodyAndIdentifierRulesFailTheWholeRequestWith400() throws Exception {
    assertError(send(headers(KEY), "{not json"), 400, "invalid_request");
    assertError(send(headers(KEY), "[]"), 400, "invalid_request");
    assertError(send(headers(KEY), "{}"), 400, "invalid_request");
    assertError(send(headers(KEY), "{\"business_emails\":[]}"), 400, "invalid_request");
    assertError(send(headers(KEY), "{\"business_emails\":\"a@b.com\"}"), 400, "invalid_request");
    sim.reset();
    List<String> twentySix = IntStream.range(0, 26).mapToObj(people::emailOf).toList();
    assertError(send(headers(KEY), body("business_emails", twentySix)), 400, "invalid_request");
    List<String> oneBadUrl =
        new ArrayList<>(List.of(people.profileUrlOf(0), people.profileUrlOf(1) + "?trk=x"));
    assertError(
        send(headers(KEY), body("professional_network_profile_urls", oneBadUrl)),
        400,
        "invalid_request");
    assertError(
        send(headers(KEY), body("professional_network_profile_urls", List.of("ACoAAB123"))),
        400,
        "invalid_request");
    sim.reset();
    assertError(
        send(headers(KEY), body("business_emails", List.of(people.emailOf(0), "not-an-email"))),
        400,
        "invalid_request");
    assertError(
        send(
            headers(KEY),
            "{\"business_emails\":[\"" + people.emailOf(0) + "\"],\"min_similarity_score\":1.5}"),
        400,
        "invalid_request");
    assertThat(sim.stats().largestBatch()).as("largest since the last reset").isEqualTo(2);
  }

  @Test
  void mixedTypesAre400AndTheStatsRememberThem() throws Exception {
    HttpResponse<String> r =
        send(
            headers(KEY),
            "{\"business_emails\":[\""
                + people.emailOf(0)
                + "\"],\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(0)
                + "\"]}");
    assertError(r, 400, "invalid_request");
    SimulatorStats stats = sim.stats();
    assertThat(stats.mixedTypeSeen()).isTrue();
    assertThat(stats.identifiersReceived()).isEqualTo(2);
    assertThat(stats.largestBatch()).isEqualTo(2);
  }

  @Test
  void unknownFieldIs400WithAvailableFieldsInMetadata() throws Exception {
    HttpResponse<String> r =
        send(
            headers(KEY),
            "{\"business_emails\":[\""
                + people.emailOf(0)
                + "\"],\"fields\":[\"basic_profile\",\"current_title\"]}");
    JsonNode error = assertError(r, 400, "invalid_request");
    assertThat(error.get("message").asText()).contains("current_title");
    List<String> available = new ArrayList<>();
    error.at("/metadata/available_fields").forEach(n -> available.add(n.asText()));
    assertThat(available)
        .contains(
            "basic_profile",
            "social_handles",
            "experience",
            "contact",
            "basic_profile.summary",
            "contact.business_emails",
            "experience.employment_details.current.company_name",
            "social_handles.dev_platform_identifier.profile_url")
        .doesNotContain("current_title");
  }

  @Test
  void creditsBelowTheWorstCaseGive402InsufficientCredits() throws Exception {
    sim.setCreditBalance(2);
    HttpResponse<String> r =
        send(
            headers(KEY),
            body(
                "professional_network_profile_urls",
                List.of(people.profileUrlOf(0), people.profileUrlOf(1), people.profileUrlOf(2))));
    assertError(r, 402, "insufficient_credits");
    assertThat(r.headers().firstValue("x-credits-used")).contains("0");
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(200);
    assertThat(sim.stats().creditBalance()).isEqualTo(1.0);
  }

  // --- Lookup, projection, credits
  // ----------------------------------------------------------------------

  @Test
  void answersOneEntryPerInputInOrderEchoingInputsVerbatim() throws Exception {
    String withSlash = "http://linkedin.com/in/" + people.person(7).slug() + "/";
    List<String> inputs = List.of(people.unknownProfileUrl(1), withSlash, people.profileUrlOf(8));
    HttpResponse<String> r = send(headers(KEY), body("professional_network_profile_urls", inputs));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode array = JSON.readTree(r.body());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(array.get(i).get("matched_on").asText()).isEqualTo(inputs.get(i));
      assertThat(array.get(i).get("match_type").asText())
          .isEqualTo("professional_network_profile_url");
    }
    assertThat(array.get(0).get("matches")).isEmpty();
    JsonNode match = array.get(1).at("/matches/0");
    assertThat(match.get("confidence_score").asDouble()).isEqualTo(1.0);
    assertThat(match.at("/person_data/basic_profile/name").asText())
        .isEqualTo(people.person(7).name());
    assertThat(
            match
                .at("/person_data/social_handles/professional_network_identifier/profile_url")
                .asText())
        .isEqualTo(people.profileUrlOf(7));
    assertThat(r.headers().firstValue("x-credits-used")).contains("2");
    assertThat(sim.stats().creditsCharged()).isEqualTo(2.0);
  }

  @Test
  void defaultFieldsAreBasicProfileAndSocialHandlesPlusThePersonId() throws Exception {
    JsonNode data = firstPersonData(send(headers(KEY), urls(3)));
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("crustdata_person_id", "basic_profile", "social_handles");
  }

  @Test
  void requestedGroupsAndDottedPathsAreAddedToTheDefaults() throws Exception {
    JsonNode data =
        firstPersonData(
            send(
                headers(KEY),
                "{\"professional_network_profile_urls\":[\""
                    + people.profileUrlOf(3)
                    + "\"],\"fields\":[\"skills\",\"experience.employment_details.current.title\"]}"));
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "crustdata_person_id", "basic_profile", "social_handles", "skills", "experience");
    JsonNode current = data.at("/experience/employment_details/current/0");
    assertThat(current.fieldNames()).toIterable().containsExactly("title");
    assertThat(data.at("/experience/employment_details").has("past")).isFalse();
  }

  @Test
  void contactFieldsCostTheDocumentedAddOns() throws Exception {
    HttpResponse<String> r =
        send(
            headers(KEY),
            "{\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(4)
                + "\"],\"fields\":[\"contact.business_emails\"]}");
    assertThat(r.headers().firstValue("x-credits-used")).contains("2");
    assertThat(firstPersonData(r).at("/contact/business_emails/0/email").asText())
        .isEqualTo(people.emailOf(4));
  }

  @Test
  void previewCostsNothingAndLegacyFlagsAreAcceptedAndIgnored() throws Exception {
    HttpResponse<String> r =
        send(
            headers(KEY),
            "{\"professional_network_profile_urls\":[\""
                + people.profileUrlOf(4)
                + "\"],\"preview\":true,\"force_fetch\":true,\"enrich_realtime\":false}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-credits-used")).contains("0");
    assertThat(firstPersonData(r).at("/basic_profile/name").asText())
        .isEqualTo(people.person(4).name());
  }

  @Test
  void allFieldsByDefaultModeReturnsEverySection() {
    try (CrustdataSimulator all =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(100, 11)
                .withModes(true, false, true, true)
                .withApiKeys(Set.of(KEY), Set.of()))) {
      all.start();
      HttpResponse<String> r =
          send(
              all,
              headers(KEY),
              "{\"professional_network_profile_urls\":[\"" + all.people().profileUrlOf(0) + "\"]}");
      assertThat(firstPersonData(r).fieldNames())
          .toIterable()
          .contains("experience", "education", "skills", "contact", "professional_network");
    }
  }

  @Test
  void knownEmailMatchesAtOneAndResemblingMailboxGivesScoredCandidates() throws Exception {
    HttpResponse<String> r =
        send(
            headers(KEY),
            body(
                "business_emails",
                List.of(people.emailOf(5), people.resemblingEmailOf(6), people.unknownEmail(1))));
    JsonNode array = JSON.readTree(r.body());
    assertThat(array.at("/0/matches")).hasSize(1);
    assertThat(array.at("/0/matches/0/confidence_score").asDouble()).isEqualTo(1.0);
    assertThat(array.at("/1/matches")).isNotEmpty();
    array
        .at("/1/matches")
        .forEach(m -> assertThat(m.get("confidence_score").asDouble()).isLessThan(1.0));
    assertThat(array.at("/2/matches")).isEmpty();
    assertThat(r.headers().firstValue("x-credits-used"))
        .contains(Integer.toString(1 + array.at("/1/matches").size()));
  }

  @Test
  void minSimilarityScoreFiltersCandidatesServerSide() throws Exception {
    String email = people.resemblingEmailOf(6);
    JsonNode all =
        JSON.readTree(send(headers(KEY), body("business_emails", List.of(email))).body());
    double best = all.at("/0/matches/0/confidence_score").asDouble();
    JsonNode strict =
        JSON.readTree(
            send(
                    headers(KEY),
                    "{\"business_emails\":[\""
                        + email
                        + "\"],\"min_similarity_score\":"
                        + Math.min(1.0, best + 0.01)
                        + "}")
                .body());
    assertThat(strict.at("/0/matches")).isEmpty();
    JsonNode atBest =
        JSON.readTree(
            send(
                    headers(KEY),
                    "{\"business_emails\":[\""
                        + email
                        + "\"],\"min_similarity_score\":"
                        + best
                        + "}")
                .body());
    atBest
        .at("/0/matches")
        .forEach(m -> assertThat(m.get("confidence_score").asDouble()).isEqualTo(best));
  }

  @Test
  void lenientEmailModeAnswersEmptyMatchesAndNotFoundModeAnswers404() {
    try (CrustdataSimulator lenient =
        new CrustdataSimulator(
            SimulatorSettings.defaults()
                .withDataset(100, 11)
                .withModes(false, true, false, true)
                .withApiKeys(Set.of(KEY), Set.of()))) {
      lenient.start();
      HttpResponse<String> r =
          send(lenient, headers(KEY), body("business_emails", List.of("not-an-email")));
      assertThat(r.statusCode()).isEqualTo(404);
      HttpResponse<String> mixed =
          send(
              lenient,
              headers(KEY),
              body("business_emails", List.of("not-an-email", lenient.people().emailOf(1))));
      assertThat(mixed.statusCode()).isEqualTo(200);
      assertThat(mixed.body()).contains("\"matched_on\":\"not-an-email\"");
    }
  }

  // --- Faults, admin, stats
  // -----------------------------------------------------------------------------

  @Test
  void forced429BurstAnswersTheNextNRequestsWith429() throws Exception {
    sim.setFaults(FaultSettings.none().withForced429(2));
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(429);
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(429);
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(200);
    assertThat(sim.stats().rateLimited429()).isEqualTo(2);
  }

  @Test
  void injectedServerErrorsUseTheirStatus() throws Exception {
    for (int status : List.of(500, 502, 503)) {
      sim.reset();
      sim.setFaults(
          FaultSettings.none()
              .withServerErrors(
                  status == 500 ? 1 : 0, status == 502 ? 1 : 0, status == 503 ? 1 : 0));
      HttpResponse<String> r = send(headers(KEY), urls(0));
      assertThat(r.statusCode()).isEqualTo(status);
      assertThat(r.headers().firstValue("x-ratelimit-limit")).isPresent();
    }
  }

  @Test
  void rejectIdentifierFailsOnlyRequestsContainingIt() throws Exception {
    String poison = people.emailOf(9);
    sim.setFaults(FaultSettings.none().withRejectIdentifiers(Set.of(poison)));
    assertError(
        send(headers(KEY), body("business_emails", List.of(people.emailOf(8), poison))),
        400,
        "invalid_request");
    assertThat(send(headers(KEY), body("business_emails", List.of(people.emailOf(8)))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void missingEntryAndMalformedJsonFaultsCorruptA200() throws Exception {
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 0, 0, 1));
    HttpResponse<String> missing =
        send(headers(KEY), body("business_emails", List.of(people.emailOf(1), people.emailOf(2))));
    assertThat(missing.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(missing.body())).hasSize(1);
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 0, 1, 0));
    HttpResponse<String> malformed = send(headers(KEY), urls(1));
    assertThat(malformed.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
  }

  @Test
  void connectionResetAndTimeoutFaultsGiveNoAnswer() {
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 1, 0, 0));
    assertThatThrownBy(
            () ->
                HTTP.send(
                    request(sim, headers(KEY), urls(0)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    sim.setFaults(FaultSettings.none().withTransportFaults(1, 0, 0, 0));
    assertThatThrownBy(
            () ->
                HTTP.send(
                    request(sim, headers(KEY), urls(0)).timeout(Duration.ofMillis(300)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(sim.stats().resetsInjected()).isEqualTo(1);
    assertThat(sim.stats().timeoutsInjected()).isEqualTo(1);
  }

  @Test
  void fixedLatencyDelaysTheAnswer() throws Exception {
    sim.setLatency(LatencyModel.fixed(Duration.ofMillis(250)));
    long start = System.nanoTime();
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void adminEndpointChangesFaultsKeysAndCreditsAtRunTime() throws Exception {
    HttpResponse<String> updated =
        admin(
            "POST",
            "/admin/faults",
            "{\"forced429\":1,\"creditBalance\":0,\"latency\":{\"kind\":\"UNIFORM\",\"minMillis\":1,\"maxMillis\":3}}");
    assertThat(updated.statusCode()).isEqualTo(200);
    JsonNode controls = JSON.readTree(updated.body());
    assertThat(controls.get("forced429").asInt()).isEqualTo(1);
    assertThat(controls.at("/latency/kind").asText()).isEqualTo("UNIFORM");
    assertThat(updated.body()).doesNotContain(KEY);
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(429);
    assertError(send(headers(KEY), urls(0)), 402, "insufficient_credits");
    admin("POST", "/admin/faults", "{\"invalidateKeys\":[\"" + KEY + "\"]}");
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(401);
    admin("POST", "/admin/reset", "");
    assertThat(send(headers(KEY), urls(0)).statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/admin/faults", "[1]").statusCode()).isEqualTo(400);
  }

  @Test
  void statsCountRequestsIdentifiersStatusesAndCreditsAlsoOverHttp() throws Exception {
    send(
        headers(KEY),
        body(
            "professional_network_profile_urls",
            List.of(people.profileUrlOf(0), people.profileUrlOf(1), people.unknownProfileUrl(3))));
    send(headers("nope"), urls(0));
    SimulatorStats stats = sim.stats();
    assertThat(stats.requestsReceived()).isEqualTo(2);
    assertThat(stats.identifiersReceived()).isEqualTo(4);
    assertThat(stats.largestBatch()).isEqualTo(3);
    assertThat(stats.mixedTypeSeen()).isFalse();
    assertThat(stats.statusCounts()).isEqualTo(Map.of(200, 1L, 401, 1L));
    assertThat(stats.creditsCharged()).isEqualTo(2.0);
    assertThat(stats.maxRequestsInAnyWindow()).isEqualTo(2);
    JsonNode json = JSON.readTree(admin("GET", "/admin/stats", null).body());
    assertThat(json.get("requestsReceived").asLong()).isEqualTo(2);
    assertThat(json.get("identifiersReceived").asLong()).isEqualTo(4);
    assertThat(json.get("largestBatch").asInt()).isEqualTo(3);
    assertThat(json.get("mixedTypeSeen").asBoolean()).isFalse();
    assertThat(json.get("rateLimited429").asLong()).isZero();
    assertThat(json.at("/statusCounts/200").asLong()).isEqualTo(1);
    assertThat(json.get("creditsCharged").asDouble()).isEqualTo(2.0);
    JsonNode last = JSON.readTree(admin("GET", "/admin/last-request", null).body());
    assertThat(last.at("/headers/authorization").asText()).isEqualTo("Bearer nope");
  }

  // --- helpers
  // ------------------------------------------------------------------------------------------

  private static Map<String, String> headers(String key) {
    return headers("Bearer " + key, true);
  }

  private static Map<String, String> headers(String authorization, boolean withVersion) {
    return withVersion
        ? Map.of("authorization", authorization, "x-api-version", "2025-11-01")
        : Map.of("authorization", authorization);
  }

  private static String urls(int index) {
    return body("professional_network_profile_urls", List.of(people.profileUrlOf(index)));
  }

  private static String body(String field, List<String> values) {
    return "{\""
        + field
        + "\":["
        + values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","))
        + "]}";
  }

  private static HttpRequest.Builder request(
      CrustdataSimulator target, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.baseUrl() + "/person/enrich"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return b;
  }

  private static HttpResponse<String> send(Map<String, String> headers, String body) {
    return send(sim, headers, body);
  }

  private static HttpResponse<String> send(
      CrustdataSimulator target, Map<String, String> headers, String body) {
    try {
      return HTTP.send(
          request(target, headers, body).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode assertError(HttpResponse<String> r, int status, String type)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(r.body()).get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.has("metadata")).isTrue();
    for (String h :
        List.of(
            "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-credits-used")) {
      assertThat(r.headers().firstValue(h)).as(h).isPresent();
    }
    return error;
  }

  private static JsonNode firstPersonData(HttpResponse<String> r) {
    try {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body()).at("/0/matches/0/person_data");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
