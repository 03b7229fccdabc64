package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Crustdata person API (x-api-version 2025-11-01), faithful to {@code
 * shared/docs/crustdata-api.md}: the §4.4 validation order, §4.2 error bodies, §5 rate-limit
 * headers on every response, §6 credits. Endpoints ({@link SimulatedEndpoint}): {@code POST
 * /person/enrich}, {@code POST /person/search} (§7), {@code POST
 * /person/professional_network/enrich/live} (§8), {@code POST /person/contact/enrich} (§9), and the
 * free {@code GET /account/endpoints}, {@code /user/credits}, {@code /account/credits}. Each has
 * its own sliding window per key. Serves a {@link SyntheticPeople} dataset and injects latency and
 * faults per endpoint.
 *
 * <p>This class is the composition: routing, lifecycle and the control surface. Each call goes
 * through an {@link ApiPipeline} (authentication {@link ApiKeys}, rate {@link SlidingWindow},
 * {@link VersionHeader}, entitlement, {@link FaultInjector}, then the endpoint's handler with its
 * validation, {@link CreditAccount} and lookup: {@link LookupEndpoint}, {@link SearchEndpoint},
 * {@link AccountEndpoints}, {@link CreditBalance}).
 *
 * <p>Admin endpoints (JSON): {@code GET /admin/stats} ({@link SimulatorStats}), {@code GET
 * /admin/faults} and {@code POST /admin/faults} (run-time controls, partial updates), {@code POST
 * /admin/reset}, {@code GET /admin/last-request} ({@link RecordedRequest}). See {@link
 * #applyControls} for the control keys.
 *
 * <p>Threading notes: requests are handled on a Vert.x event loop; tests and the admin API read and
 * change the state from other threads, so every piece of mutable state is guarded by {@code lock}.
 * Latency is a Vert.x timer, never a sleep.
 */
public final class CrustdataSimulator implements AutoCloseable {

  public static final String ENRICH_PATH = SimulatedEndpoint.ENRICH.path();
  public static final String API_VERSION = VersionHeader.SUPPORTED;

  private static final Logger LOG = LoggerFactory.getLogger(CrustdataSimulator.class);
  private static final PersonFields FIELDS = PersonFields.enrich();

  private final SimulatorSettings settings;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final SyntheticPeople people;
  private final SearchProfiles searchProfiles;
  private final AdminApi admin = new AdminApi(this);
  private final Object lock = new Object();
  private HttpServer server;
  private volatile int port = -1;

  // Everything below is guarded by lock.
  private final SplittableRandom random;
  private final RuntimeControls controls;
  private final CreditAccount credits;
  private final FaultInjector injector;
  private final Map<SimulatedEndpoint, RecordedRequest> lastRequests =
      new EnumMap<>(SimulatedEndpoint.class);
  private final Map<SimulatedEndpoint, EndpointHandler> handlers;
  private ApiPipeline pipeline;

  /** A simulator with its own Vert.x instance, closed with it. */
  public CrustdataSimulator(SimulatorSettings settings) {
    this(Vertx.vertx(), settings, true);
  }

  /** A simulator on a shared Vert.x instance, which {@link #close()} leaves running. */
  public CrustdataSimulator(Vertx vertx, SimulatorSettings settings) {
    this(vertx, settings, false);
  }

  private CrustdataSimulator(Vertx vertx, SimulatorSettings settings, boolean ownsVertx) {
    this.settings = settings;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.people =
        new SyntheticPeople(settings.seed(), settings.datasetSize(), settings.notIndexedFraction());
    this.searchProfiles = new SearchProfiles(people);
    this.random = new SplittableRandom(settings.seed() ^ 0x51D5L);
    this.controls = new RuntimeControls(settings);
    this.credits = new CreditAccount(settings.creditBalance());
    this.injector = new FaultInjector(random);
    this.handlers = buildHandlers();
    this.pipeline = newPipeline();
  }

  /**
   * Starts listening and blocks until bound; returns the actual port. Call it from a plain thread
   * (a test, a CLI main), never from a Vert.x event loop, which the wait would block.
   */
  public int start() {
    HttpServer s = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server =
          s.listen(settings.port())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the simulator", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("simulator could not listen on port " + settings.port(), e);
    }
    port = server.actualPort();
    LOG.info(
        "Crustdata simulator listening on {} ({} people, {} requests per {})",
        baseUrl(),
        settings.datasetSize(),
        settings.rateLimitRequests(),
        settings.rateWindow());
    return port;
  }

  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>}: the client's base URL. */
  public String baseUrl() {
    if (port < 0) {
      throw new IllegalStateException("simulator not started");
    }
    return "http://localhost:" + port;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** The dataset served, for finding valid identifiers. */
  public SyntheticPeople people() {
    return people;
  }

  /** Every endpoint's figures, with {@code /person/enrich}'s also at the top level. */
  public SimulatorStats stats() {
    synchronized (lock) {
      Map<String, EndpointStats> endpoints = new LinkedHashMap<>();
      for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
        if (pipeline.serves(e)) {
          endpoints.put(e.path(), pipeline.route(e).counters().snapshot());
        }
      }
      EndpointStats enrich = endpoints.get(ENRICH_PATH);
      return new SimulatorStats(
          enrich.requests(),
          enrich.identifiers(),
          enrich.largestBatch(),
          enrich.mixedTypeSeen(),
          enrich.rateLimited429(),
          enrich.statusCounts(),
          enrich.creditsCharged(),
          credits.balance(),
          enrich.maxRequestsInAnyWindow(),
          enrich.timeoutsInjected(),
          enrich.resetsInjected(),
          endpoints);
    }
  }

  /** The latest {@code /person/enrich} request as received. */
  public Optional<RecordedRequest> lastRequest() {
    return lastRequest(SimulatedEndpoint.ENRICH);
  }

  /** The latest request to {@code endpoint} as received. */
  public Optional<RecordedRequest> lastRequest(SimulatedEndpoint endpoint) {
    synchronized (lock) {
      return Optional.ofNullable(lastRequests.get(endpoint));
    }
  }

  /**
   * {@link System#nanoTime()} of every {@code /person/enrich} arrival, oldest first (the latest
   * 100k).
   */
  public List<Long> arrivalNanos() {
    synchronized (lock) {
      return pipeline.route(SimulatedEndpoint.ENRICH).counters().arrivalNanos();
    }
  }

  /** {@code /person/enrich}'s current faults. */
  public FaultSettings faults() {
    return faults(SimulatedEndpoint.ENRICH);
  }

  public void setFaults(FaultSettings newFaults) {
    setFaults(SimulatedEndpoint.ENRICH, newFaults);
  }

  public void setLatency(LatencyModel model) {
    setLatency(SimulatedEndpoint.ENRICH, model);
  }

  /** {@code endpoint}'s current faults. */
  public FaultSettings faults(SimulatedEndpoint endpoint) {
    synchronized (lock) {
      return controls.faults(endpoint);
    }
  }

  /** Replaces {@code endpoint}'s faults (the other endpoints keep theirs). */
  public void setFaults(SimulatedEndpoint endpoint, FaultSettings newFaults) {
    synchronized (lock) {
      controls.setFaults(endpoint, newFaults);
    }
  }

  /** Replaces {@code endpoint}'s latency. */
  public void setLatency(SimulatedEndpoint endpoint, LatencyModel model) {
    synchronized (lock) {
      controls.setLatency(endpoint, model);
    }
  }

  /**
   * Entitles every key to a person endpoint other than {@code /person/enrich}, or none (403);
   * {@code /person/enrich}'s entitlement is per key ({@link #setApiKeys}).
   */
  public void setEntitled(SimulatedEndpoint endpoint, boolean entitled) {
    if (!ControlsJson.hasPlanSwitch(endpoint)) {
      throw new IllegalArgumentException(
          endpoint + " has no plan entitlement; use forbidden keys for /person/enrich");
    }
    synchronized (lock) {
      controls.setEntitled(endpoint, entitled);
    }
  }

  /** false: {@code GET /account/endpoints} answers 404 from now on. */
  public void setAccountEndpointsAvailable(boolean available) {
    synchronized (lock) {
      controls.setAccountEndpointsAvailable(available);
    }
  }

  /** Sets the account's credit balance; 0 makes every billable request a 402. */
  public void setCreditBalance(double credits) {
    synchronized (lock) {
      this.credits.setBalance(credits);
    }
  }

  /** Replaces the valid and the forbidden (403) keys; a key in neither set gets 401. */
  public void setApiKeys(Set<String> valid, Set<String> forbidden) {
    synchronized (lock) {
      controls.setKeys(new ApiKeys(valid, forbidden));
    }
  }

  /** Forgets statistics, rate windows and the last request, and restores the start-up controls. */
  public void reset() {
    synchronized (lock) {
      lastRequests.clear();
      controls.restore(settings);
      credits.setBalance(settings.creditBalance());
      pipeline = newPipeline();
    }
  }

  /**
   * Applies a partial update of the run-time controls; a bad update changes nothing. Keys (all
   * optional):
   *
   * <ul>
   *   <li>per endpoint: {@code error500}, {@code error502}, {@code error503}, {@code timeout},
   *       {@code connectionReset}, {@code malformedJson}, {@code missingEntry} (probabilities),
   *       {@code forced429} (int), {@code rejectIdentifiers} (string array), {@code latency}
   *       ({@code
   *       {"kind":"FIXED|UNIFORM|LONG_TAIL|NONE","minMillis","maxMillis","tailProbability","tailMillis"}}),
   *       {@code entitled} (boolean; search, live and contact enrich only: false gives every key
   *       403). They apply to {@code endpoint}: a path such as {@code "/person/search"} (or an
   *       array of them, or {@code "all"}); without it, to {@code /person/enrich}.
   *   <li>account-wide: {@code creditBalance} (number), {@code validApiKeys} / {@code
   *       forbiddenApiKeys} (string arrays, replace), {@code invalidateKeys} (string array: removed
   *       from the valid keys, so they get 401), {@code accountEndpoints} (false: {@code GET
   *       /account/endpoints} answers 404).
   * </ul>
   */
  public void applyControls(JsonNode update) {
    synchronized (lock) {
      ControlsJson.apply(update, controls, credits);
    }
  }

  /** The current run-time controls, as {@code GET /admin/faults} shows them. */
  ObjectNode controlsJson() {
    synchronized (lock) {
      return ControlsJson.describe(controls, credits);
    }
  }

  /** The selectable {@code fields} values (also sent in {@code metadata.available_fields}). */
  public static List<String> availableFields() {
    return FIELDS.available();
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      if (ownsVertx) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("simulator did not close cleanly", e);
    }
  }

  /**
   * The endpoint handlers, built once: they keep no per-window state, so a reset keeps them (and
   * the search index).
   */
  private Map<SimulatedEndpoint, EndpointHandler> buildHandlers() {
    Map<SimulatedEndpoint, EndpointHandler> handlers = new EnumMap<>(SimulatedEndpoint.class);
    Map<SimulatedEndpoint, List<String>> fields = new EnumMap<>(SimulatedEndpoint.class);
    handlers.put(
        SimulatedEndpoint.ENRICH, LookupEndpoint.enrich(people, FIELDS, credits, settings));
    fields.put(SimulatedEndpoint.ENRICH, PersonFields.GROUPS);
    handlers.put(
        SimulatedEndpoint.LIVE_ENRICH, LookupEndpoint.live(people, FIELDS, credits, settings));
    fields.put(SimulatedEndpoint.LIVE_ENRICH, PersonFields.GROUPS);
    handlers.put(
        SimulatedEndpoint.CONTACT_ENRICH, LookupEndpoint.contact(people, credits, settings));
    fields.put(SimulatedEndpoint.CONTACT_ENRICH, ContactFields.FIELDS);
    handlers.put(SimulatedEndpoint.SEARCH, new SearchEndpoint(people, searchProfiles, credits));
    fields.put(SimulatedEndpoint.SEARCH, searchProfiles.available());
    handlers.put(SimulatedEndpoint.USER_CREDITS, new CreditBalance(credits, false));
    handlers.put(SimulatedEndpoint.ACCOUNT_CREDITS, new CreditBalance(credits, true));
    Map<SimulatedEndpoint, Integer> limits = new EnumMap<>(SimulatedEndpoint.class);
    for (SimulatedEndpoint e : handlers.keySet()) {
      limits.put(e, settings.endpoint(e).rateLimitRequests());
    }
    limits.put(
        SimulatedEndpoint.ACCOUNT_ENDPOINTS,
        settings.endpoint(SimulatedEndpoint.ACCOUNT_ENDPOINTS).rateLimitRequests());
    handlers.put(
        SimulatedEndpoint.ACCOUNT_ENDPOINTS,
        new AccountEndpoints(limits, fields, settings.rateWindow(), controls));
    return handlers;
  }

  /** Fresh rate windows and counters around the handlers. Called under lock. */
  private ApiPipeline newPipeline() {
    Map<SimulatedEndpoint, ApiPipeline.Route> routes = new EnumMap<>(SimulatedEndpoint.class);
    handlers.forEach(
        (endpoint, handler) ->
            routes.put(
                endpoint,
                new ApiPipeline.Route(
                    new SlidingWindow(
                        settings.endpoint(endpoint).rateLimitRequests(), settings.rateWindow()),
                    handler,
                    new EndpointCounters(settings.rateWindow()))));
    return new ApiPipeline(routes, controls, injector);
  }

  /** Whether a request for {@code endpoint} reaches the pipeline (or is a 404). Under lock. */
  private boolean served(SimulatedEndpoint endpoint) {
    return pipeline.serves(endpoint)
        && (endpoint != SimulatedEndpoint.ACCOUNT_ENDPOINTS
            || controls.accountEndpointsAvailable());
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP

  private void handle(HttpServerRequest req) {
    long arrivedNanos = System.nanoTime();
    String path = req.path();
    req.body()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                req.response().setStatusCode(400).end();
                return;
              }
              Optional<SimulatedEndpoint> endpoint =
                  SimulatedEndpoint.route(req.method().name(), path);
              if (path.startsWith("/admin/")) {
                admin.handle(req, ar.result());
              } else if (endpoint.isPresent()) {
                handleApi(req, endpoint.get(), ar.result(), arrivedNanos);
              } else {
                notFound(req);
              }
            });
  }

  private static void notFound(HttpServerRequest req) {
    req.response()
        .setStatusCode(404)
        .putHeader("content-type", "application/json")
        .end(
            ApiAnswer.errorBody(
                "not_found", "No route for " + req.method() + " " + req.path(), null));
  }

  private void handleApi(
      HttpServerRequest req, SimulatedEndpoint endpoint, Buffer body, long arrivedNanos) {
    String rawBody = body.toString();
    ApiAnswer answer;
    long delayMillis;
    synchronized (lock) {
      if (!served(endpoint)) {
        notFound(req);
        return;
      }
      lastRequests.put(endpoint, record(req, rawBody));
      answer =
          pipeline.answer(
              ApiCall.of(
                  endpoint,
                  req.getHeader("authorization"),
                  req.getHeader("x-api-version"),
                  rawBody,
                  System.nanoTime()));
      delayMillis =
          LatencyModel.delayLeftMillis(
              controls.latency(endpoint).sampleMillis(random), System.nanoTime() - arrivedNanos);
    }
    switch (answer.action()) {
      case NEVER_ANSWER -> {
        // Leave the exchange open: the client's timeout is what is being tested. Server close ends
        // it.
      }
      case RESET -> runAfter(delayMillis, () -> req.connection().close());
      case RESPOND -> runAfter(delayMillis, () -> send(req.response(), answer));
    }
  }

  private void runAfter(long delayMillis, Runnable action) {
    if (delayMillis <= 0) {
      action.run();
    } else {
      vertx.setTimer(delayMillis, id -> action.run());
    }
  }

  private static void send(HttpServerResponse response, ApiAnswer answer) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(answer.status());
    answer.headers().forEach(response::putHeader);
    response.putHeader("content-type", "application/json");
    response.end(answer.body());
  }

  private static RecordedRequest record(HttpServerRequest req, String rawBody) {
    Map<String, String> headers = new HashMap<>();
    List<String> names = new ArrayList<>();
    req.headers()
        .forEach(
            e -> {
              names.add(e.getKey());
              headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            });
    return new RecordedRequest(req.method().name(), req.path(), headers, names, rawBody);
  }
}
