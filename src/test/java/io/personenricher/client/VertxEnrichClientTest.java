package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.RecordedRequest;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SyntheticPeople;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VertxEnrichClientTest {

  private static final String KEY = "sk-live-SECRET-7f3a9c";
  private static final String FORBIDDEN_KEY = "sk-no-enrich";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static CrustdataSimulator sim;
  private static SyntheticPeople people;
  private final List<VertxEnrichClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sim =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withDataset(2_000, 5)
                .withRateLimit(10_000, Duration.ofSeconds(60))
                .withApiKeys(Set.of(KEY), Set.of(FORBIDDEN_KEY)));
    sim.start();
    people = sim.people();
  }

  @AfterAll
  static void stop() {
    sim.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @BeforeEach
  void resetSimulator() {
    sim.reset();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(VertxEnrichClient::close);
  }

  static ClientSettings settings(String baseUrl, String key) {
    return new ClientSettings(
        URI.create(baseUrl),
        key,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        4,
        4,
        64,
        Duration.ofMillis(400));
  }

  private VertxEnrichClient client(ClientSettings settings) {
    VertxEnrichClient c = new VertxEnrichClient(vertx, settings, EnricherMetrics.NOOP);
    clients.add(c);
    return c;
  }

  private VertxEnrichClient client() {
    return client(settings(sim.baseUrl(), KEY));
  }

  private static EnrichRequest urls(int... indexes) {
    return new EnrichRequest(
        IdentifierKind.PROFILE_URL,
        IntStream.of(indexes).mapToObj(people::profileUrlOf).toList(),
        List.of(),
        null);
  }

  static EnrichOutcome outcomeOf(CompletionStage<EnrichOutcome> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stage must complete normally", e);
    }
  }

  // --- The request on the wire
  // --------------------------------------------------------------------------

  @Test
  void sendsExactlyTheDocumentedHeadersAndBody() throws Exception {
    EnrichRequest request =
        new EnrichRequest(
            IdentifierKind.BUSINESS_EMAIL,
            List.of(people.emailOf(1), people.resemblingEmailOf(2)),
            List.of("basic_profile", "skills"),
            0.7);
    assertThat(outcomeOf(client().enrich(request))).isInstanceOf(EnrichOutcome.Success.class);
    RecordedRequest seen = sim.lastRequest().orElseThrow();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo("/person/enrich");
    assertThat(seen.headers())
        .containsEntry("authorization", "Bearer " + KEY)
        .containsEntry("x-api-version", "2025-11-01")
        .containsEntry("content-type", "application/json")
        .containsEntry("accept", "application/json");
    assertThat(seen.headerNamesAsSent())
        .contains("authorization", "x-api-version", "content-type", "accept");
    assertThat(JSON.readTree(seen.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"business_emails\":[\""
                    + people.emailOf(1)
                    + "\",\""
                    + people.resemblingEmailOf(2)
                    + "\"],\"fields\":[\"basic_profile\",\"skills\"],"
                    + "\"min_similarity_score\":0.7}"));
  }

  @Test
  void baseUrlWithTrailingSlashStillPostsToPersonEnrich() {
    VertxEnrichClient c = client(settings(sim.baseUrl() + "/", KEY));
    assertThat(outcomeOf(c.enrich(urls(0)))).isInstanceOf(EnrichOutcome.Success.class);
    assertThat(sim.lastRequest().orElseThrow().path()).isEqualTo("/person/enrich");
  }

  @Test
  void refusesTwentySixValuesBeforeSendingAndNeverMixesKinds() {
    List<String> twentySix = IntStream.range(0, 26).mapToObj(people::emailOf).toList();
    assertThatThrownBy(
            () -> new EnrichRequest(IdentifierKind.BUSINESS_EMAIL, twentySix, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    VertxEnrichClient c = client();
    outcomeOf(
        c.enrich(
            new EnrichRequest(
                IdentifierKind.BUSINESS_EMAIL, twentySix.subList(0, 25), List.of(), null)));
    outcomeOf(c.enrich(urls(1, 2)));
    assertThat(sim.stats().requestsReceived()).isEqualTo(2);
    assertThat(sim.stats().largestBatch()).isEqualTo(25);
    assertThat(sim.stats().mixedTypeSeen()).isFalse();
  }

  // --- Every status class becomes an outcome
  // ------------------------------------------------------------

  @Test
  void parsesA200IntoEntriesInInputOrderAndSumsCredits() {
    VertxEnrichClient c = client();
    EnrichRequest request =
        new EnrichRequest(
            IdentifierKind.PROFILE_URL,
            List.of(
                people.profileUrlOf(3), people.unknownProfileUrl(9), people.profileUrlOf(4) + "/"),
            List.of(),
            null);
    EnrichOutcome.Success success = (EnrichOutcome.Success) outcomeOf(c.enrich(request));
    assertThat(success.httpStatus()).isEqualTo(200);
    assertThat(success.entries())
        .extracting(EnrichEntry::matchedOn)
        .containsExactlyElementsOf(request.identifiers());
    assertThat(success.entries().get(0).matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.confidenceScore()).isEqualTo(1.0);
              assertThat(m.personData().at("/basic_profile/name").asText())
                  .isEqualTo(people.person(3).name());
            });
    assertThat(success.entries().get(1).matches()).isEmpty();
    assertThat(success.creditsUsed()).isEqualTo(2.0);
    outcomeOf(c.enrich(urls(5)));
    assertThat(c.creditsUsed()).isEqualTo(3.0).isEqualTo(sim.stats().creditsCharged());
  }

  @Test
  void a400IsRejectedWithTheApiErrorType() {
    sim.setFaults(FaultSettings.none().withRejectIdentifiers(Set.of(people.profileUrlOf(7))));
    EnrichOutcome outcome = outcomeOf(client().enrich(urls(6, 7)));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            EnrichOutcome.Rejected.class,
            r -> {
              assertThat(r.httpStatus()).isEqualTo(400);
              assertThat(r.errorType()).isEqualTo("invalid_request");
              assertThat(r.message()).contains(people.profileUrlOf(7));
            });
    assertThat(outcomeOf(client().enrich(urls(6)))).isInstanceOf(EnrichOutcome.Success.class);
  }

  @Test
  void a401IsFatalInvalidApiKeyAndHaltsTheClient() {
    VertxEnrichClient c = client(settings(sim.baseUrl(), "sk-wrong"));
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isEqualTo(
            new EnrichOutcome.Fatal(
                HaltReason.INVALID_API_KEY,
                401,
                "API answered 401 (missing or invalid API key): Invalid API key in request"));
    assertThat(c.haltReason()).contains(HaltReason.INVALID_API_KEY);
  }

  @Test
  void a402IsFatalOutOfCredits() {
    sim.setCreditBalance(0);
    VertxEnrichClient c = client();
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Fatal.class,
            f -> {
              assertThat(f.reason()).isEqualTo(HaltReason.OUT_OF_CREDITS);
              assertThat(f.httpStatus()).isEqualTo(402);
            });
    assertThat(c.haltReason()).contains(HaltReason.OUT_OF_CREDITS);
  }

  @Test
  void a403IsFatalNotPermitted() {
    VertxEnrichClient c = client(settings(sim.baseUrl(), FORBIDDEN_KEY));
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Fatal.class,
            f -> {
              assertThat(f.reason()).isEqualTo(HaltReason.NOT_PERMITTED);
              assertThat(f.httpStatus()).isEqualTo(403);
            });
  }

  @Test
  void a404IsSuccessWithNoMatchForEveryInput() {
    try (CrustdataSimulator notFound =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withDataset(100, 5)
                .withModes(false, true, true, true)
                .withApiKeys(Set.of(KEY), Set.of()))) {
      notFound.start();
      VertxEnrichClient c = client(settings(notFound.baseUrl(), KEY));
      EnrichRequest request =
          new EnrichRequest(
              IdentifierKind.BUSINESS_EMAIL,
              List.of(notFound.people().unknownEmail(1), notFound.people().unknownEmail(2)),
              List.of(),
              null);
      EnrichOutcome.Success success = (EnrichOutcome.Success) outcomeOf(c.enrich(request));
      assertThat(success.httpStatus()).isEqualTo(404);
      assertThat(success.entries())
          .extracting(EnrichEntry::matchedOn)
          .containsExactlyElementsOf(request.identifiers());
      assertThat(success.entries()).allSatisfy(e -> assertThat(e.matches()).isEmpty());
      assertThat(c.haltReason()).isEmpty();
    }
  }

  @Test
  void a429IsRetriableRateLimitedWithNotBeforeFromTheResetHeader() {
    sim.setFaults(FaultSettings.none().withForced429(1));
    Instant before = Instant.now();
    EnrichOutcome outcome = outcomeOf(client().enrich(urls(0)));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.RATE_LIMITED);
              assertThat(r.httpStatus()).isEqualTo(429);
              // Empty window: the simulator says reset = one window (60 s).
              assertThat(r.notBefore()).isAfterOrEqualTo(before.plusSeconds(60));
              assertThat(r.notBefore()).isBefore(before.plusSeconds(62));
            });
  }

  @Test
  void serverErrorsAreRetriable() {
    for (int status : List.of(500, 502, 503)) {
      sim.setFaults(
          FaultSettings.none()
              .withServerErrors(
                  status == 500 ? 1 : 0, status == 502 ? 1 : 0, status == 503 ? 1 : 0));
      assertThat(outcomeOf(client().enrich(urls(0))))
          .isInstanceOfSatisfying(
              EnrichOutcome.Retriable.class,
              r -> {
                assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.SERVER_ERROR);
                assertThat(r.httpStatus()).isEqualTo(status);
              });
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeout() {
    sim.setFaults(FaultSettings.none().withTransportFaults(1, 0, 0, 0));
    ClientSettings s = settings(sim.baseUrl(), KEY);
    VertxEnrichClient c =
        client(
            new ClientSettings(
                s.baseUrl(),
                KEY,
                s.connectTimeout(),
                Duration.ofMillis(300),
                4,
                4,
                64,
                Duration.ofMillis(400)));
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.TIMEOUT);
              assertThat(r.httpStatus()).isNull();
            });
    // The timed-out exchange keeps its slot until its connection is closed, a moment later.
    await().atMost(Duration.ofSeconds(5)).until(() -> c.inFlightRequests() == 0);
  }

  @Test
  void aResetConnectionIsAConnectionFailure() {
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 1, 0, 0));
    assertThat(outcomeOf(client().enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.CONNECTION_FAILED));
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() {
    VertxEnrichClient c = client(settings("http://localhost:1", KEY));
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.CONNECTION_FAILED);
              assertThat(r.message()).startsWith("connection failed");
            });
  }

  @Test
  void malformedJsonAndAMissingEntryAreProtocolErrors() {
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 0, 1, 0));
    assertThat(outcomeOf(client().enrich(urls(0, 1))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.PROTOCOL_ERROR));
    sim.setFaults(FaultSettings.none().withTransportFaults(0, 0, 0, 1));
    assertThat(outcomeOf(client().enrich(urls(0, 1))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.PROTOCOL_ERROR);
              assertThat(r.message()).contains("1 entries for 2");
            });
  }

  // --- Halting
  // ------------------------------------------------------------------------------------------

  @Test
  void whileHaltedRequestsAreAnsweredAtOnceAndOneProbePerIntervalClearsTheHalt() {
    VertxEnrichClient c = client();
    sim.setApiKeys(Set.of(), Set.of());
    assertThat(outcomeOf(c.enrich(urls(0)))).isInstanceOf(EnrichOutcome.Fatal.class);
    assertThat(c.haltReason()).contains(HaltReason.INVALID_API_KEY);
    assertThat(c.delayUntilNextPermit()).isPositive();

    EnrichOutcome notSent = outcomeOf(c.enrich(urls(1)));
    assertThat(notSent)
        .isInstanceOfSatisfying(
            EnrichOutcome.Fatal.class,
            f -> {
              assertThat(f.reason()).isEqualTo(HaltReason.INVALID_API_KEY);
              assertThat(f.httpStatus()).isNull();
            });
    assertThat(sim.stats().requestsReceived()).isEqualTo(1);

    // The probe is still refused: the halt stays and the next probe is one interval later.
    await().atMost(Duration.ofSeconds(5)).until(() -> c.delayUntilNextPermit().isZero());
    assertThat(outcomeOf(c.enrich(urls(2))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Fatal.class, f -> assertThat(f.httpStatus()).isEqualTo(401));
    assertThat(sim.stats().requestsReceived()).isEqualTo(2);
    assertThat(c.haltReason()).contains(HaltReason.INVALID_API_KEY);

    sim.setApiKeys(Set.of(KEY), Set.of());
    await().atMost(Duration.ofSeconds(5)).until(() -> c.delayUntilNextPermit().isZero());
    assertThat(outcomeOf(c.enrich(urls(3)))).isInstanceOf(EnrichOutcome.Success.class);
    assertThat(c.haltReason()).isEmpty();
    assertThat(outcomeOf(c.enrich(urls(4)))).isInstanceOf(EnrichOutcome.Success.class);
  }

  @Test
  void requestsQueuedWhenTheHaltStartsAreAnsweredFatalInsteadOfSent() {
    sim.setCreditBalance(0);
    ClientSettings base = settings(sim.baseUrl(), KEY);
    // One request on the wire at a time, so the rest queue behind the first (fatal) one.
    VertxEnrichClient c =
        client(
            new ClientSettings(
                base.baseUrl(),
                KEY,
                base.connectTimeout(),
                base.requestTimeout(),
                1,
                1,
                64,
                Duration.ofSeconds(30)));
    List<CompletionStage<EnrichOutcome>> stages =
        IntStream.range(0, 5).mapToObj(i -> c.enrich(urls(i))).toList();
    List<EnrichOutcome> outcomes = stages.stream().map(VertxEnrichClientTest::outcomeOf).toList();
    assertThat(outcomes)
        .allSatisfy(
            o ->
                assertThat(o)
                    .isInstanceOfSatisfying(
                        EnrichOutcome.Fatal.class,
                        f -> assertThat(f.reason()).isEqualTo(HaltReason.OUT_OF_CREDITS)));
    assertThat(sim.stats().requestsReceived()).isEqualTo(1);
  }

  // --- Bounds
  // -------------------------------------------------------------------------------------------

  @Test
  void beyondMaxQueuedRequestsAreAnsweredRetriableAtOnceAndCloseAnswersTheRest() {
    ClientSettings base = settings(sim.baseUrl(), KEY);
    VertxEnrichClient c =
        client(
            new ClientSettings(
                base.baseUrl(),
                KEY,
                base.connectTimeout(),
                base.requestTimeout(),
                2,
                2,
                2,
                Duration.ofSeconds(30)));
    assertThat(outcomeOf(c.enrich(urls(0)))).isInstanceOf(EnrichOutcome.Success.class);
    // Permits for half a minute from now: the requests wait in the client until then.
    long later = System.currentTimeMillis() + 30_000;
    Permit inHalfAMinute = new Permit(Endpoint.ENRICH, later, later + 100, Permit.Kind.FULL);
    CompletionStage<EnrichOutcome> queued1 = c.enrich(urls(1), inHalfAMinute);
    CompletionStage<EnrichOutcome> queued2 = c.enrich(urls(2), inHalfAMinute);
    assertThat(c.queuedRequests()).isEqualTo(2);
    assertThat(outcomeOf(c.enrich(urls(3), inHalfAMinute)))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.NOT_SENT);
              assertThat(r.reachedApi()).isFalse();
              assertThat(r.message()).contains("client queue full");
            });
    c.close();
    for (CompletionStage<EnrichOutcome> s : List.of(queued1, queued2)) {
      assertThat(outcomeOf(s))
          .isInstanceOfSatisfying(
              EnrichOutcome.Retriable.class,
              r -> {
                assertThat(r.message()).isEqualTo("client closed");
                assertThat(r.reachedApi()).as("queued, never sent").isFalse();
              });
    }
    assertThat(sim.stats().requestsReceived()).isEqualTo(1);
  }

  @Test
  void aRequestWaitsForItsPermitsTimeAndGoesToTheEndpointItNames() {
    VertxEnrichClient c = client(settings(sim.baseUrl(), KEY));
    long sendAt = System.currentTimeMillis() + 300;
    EnrichRequest toContactEnrich =
        new EnrichRequest(
            IdentifierKind.BUSINESS_EMAIL,
            List.of(sim.people().emailOf(1)),
            List.of(),
            null,
            Endpoint.CONTACT_ENRICH);

    EnrichOutcome outcome =
        outcomeOf(
            c.enrich(
                toContactEnrich,
                new Permit(Endpoint.CONTACT_ENRICH, sendAt, sendAt + 5_000, Permit.Kind.FULL)));

    assertThat(outcome).isInstanceOf(EnrichOutcome.Success.class);
    assertThat(
            sim.stats()
                .endpoint(io.personenricher.simulator.SimulatedEndpoint.CONTACT_ENRICH)
                .requests())
        .isEqualTo(1);
    assertThat(System.currentTimeMillis())
        .as("answered after its time")
        .isGreaterThanOrEqualTo(sendAt);
  }

  @Test
  void aPermitWhoseTimeRanOutWhileNoConnectionWasFreeIsNotSent() {
    VertxEnrichClient c = client(settings(sim.baseUrl(), KEY));
    long past = System.currentTimeMillis() - 1_000;

    EnrichOutcome outcome =
        outcomeOf(
            c.enrich(urls(0), new Permit(Endpoint.ENRICH, past - 100, past, Permit.Kind.FULL)));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.NOT_SENT));
    assertThat(sim.stats().requestsReceived()).isZero();
  }

  @Test
  void everyAnswersRateLimitHeadersReachTheQuotaWithWhenItsRequestWasSent() {
    sim.setLatency(io.personenricher.simulator.LatencyModel.fixed(Duration.ofMillis(200)));
    java.util.List<Integer> limits = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<Long> roundTrips = new java.util.concurrent.CopyOnWriteArrayList<>();
    VertxEnrichClient c =
        new VertxEnrichClient(
            vertx,
            settings(sim.baseUrl(), KEY),
            EnricherMetrics.NOOP,
            (endpoint, limit, remaining, reset, rateLimited, sentAtMs, nowMs) -> {
              limits.add(limit);
              roundTrips.add(nowMs - sentAtMs);
            },
            java.time.Clock.systemUTC());
    clients.add(c);

    outcomeOf(c.enrich(urls(0)));

    assertThat(limits).containsExactly(10_000);
    // The quota counts back from the send: the answer came one simulated latency later.
    assertThat(roundTrips).singleElement().satisfies(ms -> assertThat(ms).isBetween(200L, 5_000L));
  }

  @Test
  void neverHasMoreThanMaxInFlightRequestsOnTheWire() {
    sim.setLatency(io.personenricher.simulator.LatencyModel.fixed(Duration.ofMillis(150)));
    ClientSettings base = settings(sim.baseUrl(), KEY);
    VertxEnrichClient c =
        client(
            new ClientSettings(
                base.baseUrl(),
                KEY,
                base.connectTimeout(),
                base.requestTimeout(),
                8,
                2,
                64,
                Duration.ofSeconds(30)));
    List<CompletionStage<EnrichOutcome>> stages =
        IntStream.range(0, 6).mapToObj(i -> c.enrich(urls(i))).toList();
    assertThat(c.inFlightRequests()).isLessThanOrEqualTo(2);
    assertThat(c.queuedRequests()).isGreaterThanOrEqualTo(4);
    long start = System.nanoTime();
    stages.forEach(VertxEnrichClientTest::outcomeOf);
    // 6 requests, 2 at a time, 150 ms each: at least three rounds.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  // --- Metrics
  // ------------------------------------------------------------------------------------------

  @Test
  void reportsRequestsResponsesQuotaAndCreditsToMetrics() {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    EnricherMetrics recording =
        new EnricherMetrics() {
          @Override
          public void recordIn(String topic) {}

          @Override
          public void recordOut(Route route, String topic, Duration endToEnd) {}

          @Override
          public void recordDeadLetter(String errorClass) {}

          @Override
          public void recordBatch(int identifiers, int events, FlushReason reason) {}

          @Override
          public void recordRetry(String reason) {}

          @Override
          public void pendingEntries(String taskId, long entries) {}

          @Override
          public void requestStarted() {
            events.add("started");
          }

          @Override
          public void recordResponse(String status, Duration latency) {
            events.add("response " + status);
          }

          @Override
          public void quotaHeadroom(int remaining, int limit) {
            events.add("quota " + remaining + "/" + limit);
          }

          @Override
          public void recordCredits(double credits) {
            events.add("credits " + credits);
          }
        };
    VertxEnrichClient c = new VertxEnrichClient(vertx, settings(sim.baseUrl(), KEY), recording);
    clients.add(c);
    outcomeOf(c.enrich(urls(0, 1)));
    assertThat(events)
        .containsExactlyInAnyOrder("started", "response 200", "quota 9999/10000", "credits 2.0");
    events.clear();
    VertxEnrichClient refused =
        new VertxEnrichClient(vertx, settings("http://localhost:1", KEY), recording);
    clients.add(refused);
    outcomeOf(refused.enrich(urls(0)));
    assertThat(events).containsExactly("started", "response connection_failed");
  }

  // --- Secrets
  // ------------------------------------------------------------------------------------------

  @Test
  void theApiKeyNeverAppearsInLogsOutcomesOrSettings() {
    List<EnrichOutcome> outcomes = new ArrayList<>();
    try (LogCapture logs = new LogCapture("io.personenricher")) {
      // A server message that echoes the key must be masked.
      sim.setFaults(
          FaultSettings.none().withRejectIdentifiers(Set.of("https://www.linkedin.com/in/" + KEY)));
      outcomes.add(
          outcomeOf(
              client()
                  .enrich(
                      new EnrichRequest(
                          IdentifierKind.PROFILE_URL,
                          List.of("https://www.linkedin.com/in/" + KEY),
                          List.of(),
                          null))));
      sim.setFaults(FaultSettings.none().withTransportFaults(0, 1, 0, 0));
      outcomes.add(outcomeOf(client().enrich(urls(0))));
      outcomes.add(outcomeOf(client(settings("http://localhost:1", KEY)).enrich(urls(0))));
      sim.setFaults(FaultSettings.none().withServerErrors(1, 0, 0));
      outcomes.add(outcomeOf(client().enrich(urls(0))));
      sim.setFaults(FaultSettings.none());
      sim.setApiKeys(Set.of(), Set.of());
      VertxEnrichClient halted = client();
      outcomes.add(outcomeOf(halted.enrich(urls(0))));
      outcomes.add(outcomeOf(halted.enrich(urls(0))));
      outcomes.add(outcomeOf(client().enrich(urls(0))));
      assertThat(logs.lines()).as("log lines").isNotEmpty().noneMatch(line -> line.contains(KEY));
    }
    assertThat(outcomes).hasSize(7).allSatisfy(o -> assertThat(o.toString()).doesNotContain(KEY));
    assertThat(outcomes.get(0))
        .isInstanceOfSatisfying(
            EnrichOutcome.Rejected.class, r -> assertThat(r.message()).contains("****"));
    assertThat(settings(sim.baseUrl(), KEY).toString()).doesNotContain(KEY);
  }

  @Test
  void theStageAlwaysCompletesNormallyEvenForAClosedClient() {
    VertxEnrichClient c = client();
    c.close();
    assertThat(outcomeOf(c.enrich(urls(0))))
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class, r -> assertThat(r.message()).isEqualTo("client closed"));
  }
}
