package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaFeedback;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatedEndpoint;
import io.personenricher.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Person Search client and the live enrich client against the simulator over HTTP: pages and
 * their cursor, the API's own 400 messages for a bad filter or limit, and live enrich finding a
 * profile the index lacks, or answering 403 for a plan without it.
 */
class VertxSearchClientTest {

  private static final String KEY = "sk-search-test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static CrustdataSimulator sim;
  private static CrustdataSimulator noLive;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    SimulatorSettings settings =
        SimulatorSettings.defaults()
            .withDataset(500, 7)
            .withRateLimit(10_000, Duration.ofSeconds(60))
            .withApiKeys(Set.of(KEY), Set.of())
            .withNotIndexedFraction(0.2)
            .withEndpointLatency(
                SimulatedEndpoint.LIVE_ENRICH, io.personenricher.simulator.LatencyModel.none());
    sim = new CrustdataSimulator(vertx, settings);
    sim.start();
    noLive =
        new CrustdataSimulator(
            vertx, settings.withEntitlement(SimulatedEndpoint.LIVE_ENRICH, false));
    noLive.start();
  }

  @AfterAll
  static void stop() {
    sim.close();
    noLive.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  private VertxSearchClient searchClient() {
    VertxSearchClient client =
        new VertxSearchClient(
            vertx,
            VertxEnrichClientTest.settings(sim.baseUrl(), KEY),
            EnricherMetrics.NOOP,
            QuotaFeedback.IGNORE,
            Clock.systemUTC());
    clients.add(client);
    return client;
  }

  private VertxEnrichClient liveClient(CrustdataSimulator server) {
    VertxEnrichClient client =
        new VertxEnrichClient(
            "live-enrich",
            vertx,
            VertxEnrichClientTest.settings(server.baseUrl(), KEY),
            EnricherMetrics.NOOP,
            QuotaFeedback.IGNORE,
            Clock.systemUTC());
    clients.add(client);
    return client;
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Permit permit(Endpoint endpoint) {
    return Permit.now(endpoint, System.currentTimeMillis(), Permit.Kind.FULL);
  }

  private static SearchPageRequest page(String filterJson, int limit, String cursor)
      throws Exception {
    return new SearchPageRequest(
        JSON.readTree(filterJson),
        List.of(JSON.readTree("{\"field\":\"basic_profile.name\",\"order\":\"asc\"}")),
        limit,
        cursor,
        List.of(SearchProtocol.PROFILE_URL_PATH));
  }

  private static final String EVERYONE =
      "{\"field\":\"basic_profile.name\",\"type\":\"(.)\",\"value\":\"a|e|i|o|u\"}";

  @Test
  void pagesFollowTheirCursorToTheEndWithoutRepeatingAPerson() throws Exception {
    VertxSearchClient client = searchClient();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    long total = -1;
    do {
      SearchOutcome outcome =
          await(client.search(page(EVERYONE, 100, cursor), permit(Endpoint.SEARCH)));
      assertThat(outcome).isInstanceOf(SearchOutcome.Page.class);
      SearchOutcome.Page p = (SearchOutcome.Page) outcome;
      assertThat(p.httpStatus()).isEqualTo(200);
      assertThat(p.profiles()).isLessThanOrEqualTo(100);
      for (String url : p.profileUrls()) {
        assertThat(seen.add(url)).as("no person twice: %s", url).isTrue();
      }
      total = p.totalCount();
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(cursor).isNull();
    assertThat(pages).isGreaterThan(1);
    assertThat((long) seen.size()).isEqualTo(total);
    assertThat(sim.lastRequest(SimulatedEndpoint.SEARCH)).isPresent();
  }

  @Test
  void anUnknownOperatorIsRejectedWithTheApisOwnMessage() throws Exception {
    SearchOutcome outcome =
        await(
            searchClient()
                .search(
                    page(
                        "{\"field\":\"basic_profile.name\",\"type\":\"like\",\"value\":\"x\"}",
                        10,
                        null),
                    permit(Endpoint.SEARCH)));

    EnrichOutcome failure = ((SearchOutcome.Failed) outcome).failure();
    assertThat(failure).isInstanceOf(EnrichOutcome.Rejected.class);
    assertThat(failure.httpStatus()).isEqualTo(400);
    assertThat(((EnrichOutcome.Rejected) failure).message())
        .contains("Unsupported operator: 'like'");
  }

  @Test
  void aFieldTheApiDoesNotFilterOnAndALimitOfZeroAreRejectedWithTheApisMessages() throws Exception {
    VertxSearchClient client = searchClient();
    SearchOutcome field =
        await(
            client.search(
                page(
                    "{\"field\":\"basic_profile.shoe_size\",\"type\":\"=\",\"value\":\"9\"}",
                    10,
                    null),
                permit(Endpoint.SEARCH)));
    SearchOutcome zero = await(client.search(page(EVERYONE, 0, null), permit(Endpoint.SEARCH)));

    assertThat(((EnrichOutcome.Rejected) ((SearchOutcome.Failed) field).failure()).message())
        .contains("Unsupported filter field: 'basic_profile.shoe_size'");
    EnrichOutcome limit = ((SearchOutcome.Failed) zero).failure();
    assertThat(limit).isInstanceOf(EnrichOutcome.Rejected.class);
    assertThat(limit.httpStatus()).isEqualTo(400);
    // The search client is not halted by a 400.
    assertThat(client.haltReason()).isEmpty();
  }

  @Test
  void liveEnrichFindsAProfileTheIndexLacks() throws Exception {
    String fresh = sim.people().notIndexedProfileUrlOf(0);
    EnrichRequest request =
        new EnrichRequest(IdentifierKind.PROFILE_URL, List.of(fresh), List.of(), null);
    EnrichRequest live =
        new EnrichRequest(
            IdentifierKind.PROFILE_URL, List.of(fresh), List.of(), null, Endpoint.LIVE_ENRICH);

    EnrichOutcome indexed = await(liveClient(sim).enrich(request, permit(Endpoint.ENRICH)));
    EnrichOutcome answered = await(liveClient(sim).enrich(live, permit(Endpoint.LIVE_ENRICH)));

    assertThat(((EnrichOutcome.Success) indexed).entries().get(0).matches()).isEmpty();
    EnrichOutcome.Success success = (EnrichOutcome.Success) answered;
    assertThat(success.entries().get(0).matches()).hasSize(1);
    JsonNode data = success.entries().get(0).matches().get(0).personData();
    assertThat(data.toString()).contains(fresh.substring(fresh.lastIndexOf('/') + 1));
    assertThat(sim.lastRequest(SimulatedEndpoint.LIVE_ENRICH)).isPresent();
  }

  @Test
  void liveEnrichOnAPlanWithoutItIsAFatal403ThatHaltsTheLiveClientAlone() throws Exception {
    String fresh = noLive.people().notIndexedProfileUrlOf(0);
    EnrichRequest live =
        new EnrichRequest(
            IdentifierKind.PROFILE_URL, List.of(fresh), List.of(), null, Endpoint.LIVE_ENRICH);
    VertxEnrichClient liveClient = liveClient(noLive);
    VertxEnrichClient main = liveClient(noLive);
    EnrichClients both = new EnrichClients(main, liveClient);

    EnrichOutcome answered = await(both.enrich(live, permit(Endpoint.LIVE_ENRICH)));

    assertThat(answered).isInstanceOf(EnrichOutcome.Fatal.class);
    assertThat(answered.httpStatus()).isEqualTo(403);
    assertThat(liveClient.haltReason()).isPresent();
    assertThat(both.haltReason()).isEmpty();
    EnrichRequest indexed =
        new EnrichRequest(
            IdentifierKind.PROFILE_URL,
            List.of(noLive.people().profileUrlOf(firstIndexed())),
            List.of(),
            null);
    assertThat(await(both.enrich(indexed, permit(Endpoint.ENRICH))))
        .isInstanceOf(EnrichOutcome.Success.class);
  }

  private static int firstIndexed() {
    for (int i = 0; ; i++) {
      if (noLive.people().isIndexed(i)) {
        return i;
      }
    }
  }
}
