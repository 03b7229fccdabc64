package io.personenricher.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for {@code POST https://api.crustdata.com/person/enrich} (x-api-version
 * 2025-11-01), faithful to {@code shared/docs/crustdata-api.md}: the §4.4 validation order, §4.2
 * error bodies, §5 rate-limit headers on every response, §6 credits. Serves a {@link
 * SyntheticPeople} dataset and injects latency and faults.
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

  public static final String ENRICH_PATH = "/person/enrich";
  public static final String API_VERSION = "2025-11-01";

  /** Email candidates returned per reverse lookup at most. */
  static final int MAX_CANDIDATES = 5;

  private static final int MAX_IDENTIFIERS = 25;
  private static final int MAX_RECORDED_ARRIVALS = 100_000;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final String URLS = "professional_network_profile_urls";
  private static final String EMAILS = "business_emails";
  private static final Logger LOG = LoggerFactory.getLogger(CrustdataSimulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PersonFields FIELDS = vocabulary();

  private final SimulatorSettings settings;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final SyntheticPeople people;
  private final Object lock = new Object();
  private HttpServer server;
  private volatile int port = -1;

  // Everything below is guarded by lock.
  private FaultSettings faults;
  private LatencyModel latency;
  private double creditBalance;
  private Set<String> validKeys;
  private Set<String> forbiddenKeys;
  private final SplittableRandom random;
  private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();
  private final ArrayDeque<Long> allArrivalsInWindow = new ArrayDeque<>();
  private final List<Long> arrivalNanos = new ArrayList<>();
  private long requestsReceived;
  private long identifiersReceived;
  private int largestBatch;
  private boolean mixedTypeSeen;
  private long rateLimited;
  private final Map<Integer, Long> statusCounts = new TreeMap<>();
  private double creditsCharged;
  private int maxRequestsInAnyWindow;
  private long timeoutsInjected;
  private long resetsInjected;
  private RecordedRequest lastRequest;

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
    this.people = new SyntheticPeople(settings.seed(), settings.datasetSize());
    this.random = new SplittableRandom(settings.seed() ^ 0x51D5L);
    resetControls();
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

  public SimulatorStats stats() {
    synchronized (lock) {
      return new SimulatorStats(
          requestsReceived,
          identifiersReceived,
          largestBatch,
          mixedTypeSeen,
          rateLimited,
          statusCounts,
          creditsCharged,
          creditBalance,
          maxRequestsInAnyWindow,
          timeoutsInjected,
          resetsInjected);
    }
  }

  /** The latest {@code /person/enrich} request as received. */
  public Optional<RecordedRequest> lastRequest() {
    synchronized (lock) {
      return Optional.ofNullable(lastRequest);
    }
  }

  /**
   * {@link System#nanoTime()} of every {@code /person/enrich} arrival, oldest first (the latest
   * 100k).
   */
  public List<Long> arrivalNanos() {
    synchronized (lock) {
      return List.copyOf(arrivalNanos);
    }
  }

  public FaultSettings faults() {
    synchronized (lock) {
      return faults;
    }
  }

  public void setFaults(FaultSettings newFaults) {
    synchronized (lock) {
      faults = newFaults;
    }
  }

  public void setLatency(LatencyModel model) {
    synchronized (lock) {
      latency = model;
    }
  }

  /** Sets the account's credit balance; 0 makes every billable request a 402. */
  public void setCreditBalance(double credits) {
    synchronized (lock) {
      creditBalance = credits;
    }
  }

  /** Replaces the valid and the forbidden (403) keys; a key in neither set gets 401. */
  public void setApiKeys(Set<String> valid, Set<String> forbidden) {
    synchronized (lock) {
      validKeys = Set.copyOf(valid);
      forbiddenKeys = Set.copyOf(forbidden);
    }
  }

  /** Forgets statistics, rate windows and the last request, and restores the start-up controls. */
  public void reset() {
    synchronized (lock) {
      windows.clear();
      allArrivalsInWindow.clear();
      arrivalNanos.clear();
      requestsReceived = 0;
      identifiersReceived = 0;
      largestBatch = 0;
      mixedTypeSeen = false;
      rateLimited = 0;
      statusCounts.clear();
      creditsCharged = 0;
      maxRequestsInAnyWindow = 0;
      timeoutsInjected = 0;
      resetsInjected = 0;
      lastRequest = null;
      resetControls();
    }
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

  private void resetControls() {
    synchronized (lock) {
      faults = settings.faults();
      latency = settings.latency();
      creditBalance = settings.creditBalance();
      validKeys = settings.validApiKeys();
      forbiddenKeys = settings.forbiddenApiKeys();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP

  private void handle(HttpServerRequest req) {
    String path = req.path();
    req.body()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                req.response().setStatusCode(400).end();
                return;
              }
              if (path.startsWith("/admin/")) {
                handleAdmin(req, ar.result());
              } else if (path.equals(ENRICH_PATH) && req.method() == HttpMethod.POST) {
                handleEnrich(req, ar.result());
              } else {
                req.response()
                    .setStatusCode(404)
                    .putHeader("content-type", "application/json")
                    .end(
                        errorBody("not_found", "No route for " + req.method() + " " + path, null)
                            .toString());
              }
            });
  }

  private void handleEnrich(HttpServerRequest req, Buffer body) {
    Answer answer;
    long delayMillis;
    synchronized (lock) {
      answer = decide(req, body.toString(), System.nanoTime());
      delayMillis = latency.sampleMillis(random);
    }
    switch (answer.action) {
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

  private static void send(HttpServerResponse response, Answer answer) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(answer.status);
    answer.headers.forEach(response::putHeader);
    response.putHeader("content-type", "application/json");
    response.end(answer.body);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The API, in the spec's §4.4 order. Runs under lock.

  private enum Action {
    RESPOND,
    NEVER_ANSWER,
    RESET
  }

  private record Answer(Action action, int status, Map<String, String> headers, String body) {}

  private Answer decide(HttpServerRequest req, String rawBody, long now) {
    requestsReceived++;
    recordRequest(req, rawBody);
    trackArrival(now);
    JsonNode parsed = tolerantParse(rawBody);
    countIdentifiers(parsed);
    int limit = settings.rateLimitRequests();
    Map<String, String> headers = new LinkedHashMap<>();

    // 1. Authentication: a bad key never consumes quota, so it gets the full-window headers.
    String authorization = req.getHeader("authorization");
    String key = bearerKey(authorization);
    if (authorization == null || authorization.isBlank()) {
      rateHeaders(headers, limit, limit, 0);
      return respond(401, headers, flatMessage("Missing API key in request"), 0);
    }
    if (key == null || !(validKeys.contains(key) || forbiddenKeys.contains(key))) {
      rateHeaders(headers, limit, limit, 0);
      return respond(401, headers, flatMessage("Invalid API key in request"), 0);
    }

    // 2. Per-key sliding window.
    ArrayDeque<Long> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    long windowNanos = settings.rateWindow().toNanos();
    while (!window.isEmpty() && window.peekFirst() <= now - windowNanos) {
      window.pollFirst();
    }
    boolean forced = faults.forced429() > 0;
    if (forced || window.size() >= limit) {
      if (forced) {
        faults = faults.withForced429(faults.forced429() - 1);
      }
      rateLimited++;
      long resetNanos = window.isEmpty() ? windowNanos : window.peekFirst() + windowNanos - now;
      rateHeaders(headers, limit, Math.max(0, limit - window.size()), ceilSeconds(resetNanos));
      return respond(
          429,
          headers,
          errorBody(
              "rate_limit_exceeded",
              "Rate limit exceeded. Retry after x-ratelimit-reset seconds.",
              null),
          0);
    }
    window.addLast(now);
    rateHeaders(
        headers, limit, limit - window.size(), ceilSeconds(window.peekFirst() + windowNanos - now));

    // 3. Version header.
    String version = req.getHeader("x-api-version");
    if (!API_VERSION.equals(version)) {
      return invalid(
          headers,
          version == null
              ? "Missing required header: x-api-version. Use x-api-version: " + API_VERSION + "."
              : "Unsupported x-api-version: '" + version + "'. Supported: " + API_VERSION + ".");
    }

    // 4. Entitlement.
    if (forbiddenKeys.contains(key) && !validKeys.contains(key)) {
      return respond(
          403,
          headers,
          errorBody(
              "permission_error", "Your API key does not have access to this endpoint.", null),
          0);
    }

    // Server-side faults strike once the request has passed the gateway.
    double roll = random.nextDouble();
    double edge = faults.error500();
    if (roll < edge) {
      return respond(500, headers, errorBody("internal_error", "Internal server error", null), 0);
    }
    if (roll < (edge += faults.error502())) {
      return respond(502, headers, errorBody("bad_gateway", "Bad gateway", null), 0);
    }
    if (roll < (edge += faults.error503())) {
      return respond(
          503,
          headers,
          errorBody("service_unavailable", "Service temporarily unavailable", null),
          0);
    }
    if (roll < (edge += faults.timeout())) {
      timeoutsInjected++;
      return new Answer(Action.NEVER_ANSWER, 0, headers, "");
    }
    if (roll < edge + faults.connectionReset()) {
      resetsInjected++;
      return new Answer(Action.RESET, 0, headers, "");
    }

    // 5. Body.
    if (parsed == null || !parsed.isObject()) {
      return invalid(headers, "Request body must be a JSON object.");
    }
    // 6. Identifiers: one kind, 1..25 values, each well-formed, or the whole request fails.
    boolean hasUrls = present(parsed, URLS);
    boolean hasEmails = present(parsed, EMAILS);
    if (!hasUrls && !hasEmails) {
      return invalid(
          headers,
          "Exactly one of professional_network_profile_urls or business_emails must be provided.");
    }
    if (hasUrls && hasEmails) {
      return invalid(
          headers,
          "Provide only one identifier type per request: "
              + "professional_network_profile_urls or business_emails.");
    }
    String field = hasUrls ? URLS : EMAILS;
    JsonNode values = parsed.get(field);
    if (!values.isArray() || !allText(values)) {
      return invalid(headers, field + " must be an array of strings.");
    }
    if (values.isEmpty()) {
      return invalid(
          headers,
          "Exactly one of professional_network_profile_urls or business_emails must be provided.");
    }
    if (values.size() > MAX_IDENTIFIERS) {
      return invalid(headers, "A maximum of 25 identifiers is allowed per request.");
    }
    List<String> identifiers = new ArrayList<>();
    values.forEach(v -> identifiers.add(v.asText()));
    for (String id : identifiers) {
      if (hasUrls && SyntheticPeople.ProfileUrls.slugOf(id) == null) {
        return invalid(headers, "Invalid professional network profile URL: '" + id + "'");
      }
      if (hasEmails && settings.rejectMalformedEmails() && !EMAIL.matcher(id).matches()) {
        return invalid(headers, "Invalid business email: '" + id + "'");
      }
      if (faults.rejectIdentifiers().contains(id)) {
        return invalid(headers, "Invalid identifier: '" + id + "'");
      }
    }
    Double minScore = null;
    JsonNode minNode = parsed.get("min_similarity_score");
    if (minNode != null && !minNode.isNull()) {
      if (!minNode.isNumber() || minNode.asDouble() < 0 || minNode.asDouble() > 1) {
        return invalid(headers, "min_similarity_score must be a number between 0 and 1.");
      }
      minScore = minNode.asDouble();
    }
    boolean preview = parsed.path("preview").asBoolean(false);

    // 7. Fields allowlist.
    List<String> fields = new ArrayList<>();
    JsonNode fieldsNode = parsed.get("fields");
    if (fieldsNode != null && !fieldsNode.isNull()) {
      if (fieldsNode.isTextual()) {
        for (String f : fieldsNode.asText().split(",")) {
          if (!f.isBlank()) {
            fields.add(f.trim());
          }
        }
      } else if (fieldsNode.isArray() && allText(fieldsNode)) {
        fieldsNode.forEach(f -> fields.add(f.asText().trim()));
      } else {
        return invalid(headers, "fields must be an array of strings.");
      }
    }
    List<String> unsupported = FIELDS.unsupported(fields);
    if (!unsupported.isEmpty()) {
      ObjectNode metadata = JsonNodeFactory.instance.objectNode();
      ArrayNode available = metadata.putArray("available_fields");
      FIELDS.available().forEach(available::add);
      return respond(
          400,
          headers,
          errorBody("invalid_request", "Unsupported field(s): " + unsupported, metadata),
          0);
    }

    // 8. Credits for the worst case: every identifier matches one profile with every add-on
    // requested.
    double worstCase = preview ? 0 : identifiers.size() * worstCaseCredits(fields);
    if (worstCase > 0 && creditBalance < worstCase) {
      return respond(
          402,
          headers,
          errorBody(
              "insufficient_credits",
              "Insufficient credits: this request may cost up to "
                  + format(worstCase)
                  + " credits, balance "
                  + format(creditBalance)
                  + ".",
              null),
          0);
    }

    // 9. Lookup, in input order; charge only what is returned.
    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    double charge = 0;
    boolean anyMatch = false;
    for (String id : identifiers) {
      ObjectNode entry = entries.addObject();
      entry.put("matched_on", id);
      entry.put("match_type", hasUrls ? "professional_network_profile_url" : "business_email");
      ArrayNode matches = entry.putArray("matches");
      for (SyntheticPeople.Candidate c : lookup(id, hasUrls, minScore)) {
        ObjectNode data =
            FIELDS.project(people.personData(c.index()), fields, settings.allFieldsByDefault());
        ObjectNode match = matches.addObject();
        match.put("confidence_score", c.score());
        match.set("person_data", data);
        charge += preview ? 0 : profileCredits(data);
        anyMatch = true;
      }
    }
    creditBalance = Math.max(0, creditBalance - charge);
    creditsCharged += charge;
    if (!anyMatch && settings.notFoundWhenAllMiss()) {
      return respond(
          404,
          headers,
          errorBody("not_found", "No data found for the given identifiers.", null),
          0);
    }
    double malformedEdge = faults.malformedJson();
    double faultRoll = random.nextDouble();
    if (faultRoll < malformedEdge) {
      return respond(
          200, headers, "[{\"matched_on\": \"" + identifiers.get(0) + "\", \"matches\": [", charge);
    }
    if (faultRoll < malformedEdge + faults.missingEntry()) {
      entries.remove(entries.size() - 1);
    }
    return respond(200, headers, entries.toString(), charge);
  }

  private List<SyntheticPeople.Candidate> lookup(String id, boolean url, Double minScore) {
    if (url) {
      return people
          .findByProfileUrl(id)
          .map(p -> List.of(new SyntheticPeople.Candidate(p.index(), 1.0)))
          .orElse(List.of());
    }
    if (!EMAIL.matcher(id).matches()) {
      return List.of();
    }
    Optional<SyntheticPeople.Person> exact = people.findByEmail(id);
    if (exact.isPresent()) {
      return List.of(new SyntheticPeople.Candidate(exact.get().index(), 1.0));
    }
    List<SyntheticPeople.Candidate> candidates = people.candidatesForEmail(id, MAX_CANDIDATES);
    if (minScore != null && settings.serverSideMinSimilarity()) {
      candidates = candidates.stream().filter(c -> c.score() >= minScore).toList();
    }
    return candidates;
  }

  /**
   * §6: 1 base credit, +1 business email, +2 personal email, +2 phone, +1 developer platform; max
   * 7.
   */
  private static double profileCredits(ObjectNode data) {
    double credits = 1;
    JsonNode contact = data.path("contact");
    credits += nonEmpty(contact.path("business_emails")) ? 1 : 0;
    credits += nonEmpty(contact.path("personal_emails")) ? 2 : 0;
    credits += nonEmpty(contact.path("phone_numbers")) ? 2 : 0;
    credits += nonEmpty(data.path("dev_platform_profiles")) ? 1 : 0;
    return credits;
  }

  private double worstCaseCredits(List<String> fields) {
    if (fields.isEmpty()) {
      return settings.allFieldsByDefault() ? 7 : 1;
    }
    double credits = 1;
    credits += asks(fields, "contact.business_emails") ? 1 : 0;
    credits += asks(fields, "contact.personal_emails") ? 2 : 0;
    credits += asks(fields, "contact.phone_numbers") ? 2 : 0;
    credits += asks(fields, "dev_platform_profiles") ? 1 : 0;
    return credits;
  }

  private static boolean asks(List<String> fields, String path) {
    return fields.stream()
        .anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || path.startsWith(f + "."));
  }

  private static boolean nonEmpty(JsonNode node) {
    return node.isArray() && !node.isEmpty();
  }

  private Answer invalid(Map<String, String> headers, String message) {
    return respond(400, headers, errorBody("invalid_request", message, null), 0);
  }

  private Answer respond(int status, Map<String, String> headers, String body, double credits) {
    statusCounts.merge(status, 1L, Long::sum);
    headers.put("x-credits-used", format(credits));
    return new Answer(Action.RESPOND, status, headers, body);
  }

  private static void rateHeaders(
      Map<String, String> headers, int limit, int remaining, long resetSeconds) {
    headers.put("x-ratelimit-limit", Integer.toString(limit));
    headers.put("x-ratelimit-remaining", Integer.toString(remaining));
    headers.put("x-ratelimit-reset", Long.toString(resetSeconds));
  }

  /** Whole seconds, rounded up: a client that waits this long always finds capacity again. */
  private static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }

  private void trackArrival(long now) {
    long windowNanos = settings.rateWindow().toNanos();
    allArrivalsInWindow.addLast(now);
    while (allArrivalsInWindow.peekFirst() <= now - windowNanos) {
      allArrivalsInWindow.pollFirst();
    }
    maxRequestsInAnyWindow = Math.max(maxRequestsInAnyWindow, allArrivalsInWindow.size());
    if (arrivalNanos.size() == MAX_RECORDED_ARRIVALS) {
      arrivalNanos.remove(0);
    }
    arrivalNanos.add(now);
  }

  private void recordRequest(HttpServerRequest req, String rawBody) {
    Map<String, String> headers = new HashMap<>();
    List<String> names = new ArrayList<>();
    req.headers()
        .forEach(
            e -> {
              names.add(e.getKey());
              headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            });
    lastRequest = new RecordedRequest(req.method().name(), req.path(), headers, names, rawBody);
  }

  private void countIdentifiers(JsonNode parsed) {
    if (parsed == null || !parsed.isObject()) {
      return;
    }
    int n = 0;
    for (String f : List.of(URLS, EMAILS)) {
      JsonNode v = parsed.get(f);
      if (v != null && v.isArray()) {
        n += v.size();
      }
    }
    if (present(parsed, URLS) && present(parsed, EMAILS)) {
      mixedTypeSeen = true;
    }
    identifiersReceived += n;
    largestBatch = Math.max(largestBatch, n);
  }

  private static boolean present(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v != null && !v.isNull();
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String bearerKey(String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.trim();
    if (trimmed.length() < 7 || !trimmed.substring(0, 7).equalsIgnoreCase("bearer ")) {
      return null;
    }
    String key = trimmed.substring(7).trim();
    return key.isEmpty() ? null : key;
  }

  private static JsonNode tolerantParse(String raw) {
    try {
      return raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String errorBody(String type, String message, JsonNode metadata) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    error.set("metadata", metadata == null ? JsonNodeFactory.instance.arrayNode() : metadata);
    return root.toString();
  }

  private static String flatMessage(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message).toString();
  }

  static String format(double credits) {
    return credits == Math.rint(credits) && Math.abs(credits) < 1e15
        ? Long.toString((long) credits)
        : Double.toString(credits);
  }

  private static PersonFields vocabulary() {
    SyntheticPeople sample = new SyntheticPeople(0, 500);
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      records.add(sample.personData(i));
    }
    return new PersonFields(records);
  }

  /** The selectable {@code fields} values (also sent in {@code metadata.available_fields}). */
  public static List<String> availableFields() {
    return FIELDS.available();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Admin

  private void handleAdmin(HttpServerRequest req, Buffer body) {
    HttpServerResponse response = req.response().putHeader("content-type", "application/json");
    String path = req.path();
    try {
      if (path.equals("/admin/stats") && req.method() == HttpMethod.GET) {
        response.end(JSON.writeValueAsString(stats()));
      } else if (path.equals("/admin/faults") && req.method() == HttpMethod.GET) {
        response.end(controlsJson().toString());
      } else if (path.equals("/admin/faults") && req.method() == HttpMethod.POST) {
        applyControls(JSON.readTree(body.toString()));
        response.end(controlsJson().toString());
      } else if (path.equals("/admin/reset") && req.method() == HttpMethod.POST) {
        reset();
        response.end("{}");
      } else if (path.equals("/admin/last-request") && req.method() == HttpMethod.GET) {
        Optional<RecordedRequest> last = lastRequest();
        if (last.isPresent()) {
          response.end(JSON.writeValueAsString(last.get()));
        } else {
          response.setStatusCode(404).end(errorBody("not_found", "no request yet", null));
        }
      } else {
        response.setStatusCode(404).end(errorBody("not_found", "No admin route " + path, null));
      }
    } catch (JsonProcessingException | RuntimeException e) {
      response
          .setStatusCode(400)
          .end(errorBody("invalid_request", String.valueOf(e.getMessage()), null));
    }
  }

  /**
   * Applies a partial update of the run-time controls. Keys (all optional): {@code error500},
   * {@code error502}, {@code error503}, {@code timeout}, {@code connectionReset}, {@code
   * malformedJson}, {@code missingEntry} (probabilities), {@code forced429} (int), {@code
   * rejectIdentifiers} (string array), {@code latency} ({@code
   * {"kind":"FIXED|UNIFORM|LONG_TAIL|NONE","minMillis","maxMillis","tailProbability","tailMillis"}}),
   * {@code creditBalance} (number), {@code validApiKeys} / {@code forbiddenApiKeys} (string arrays,
   * replace), {@code invalidateKeys} (string array: removed from the valid keys, so they get 401).
   */
  public void applyControls(JsonNode update) {
    if (update == null || !update.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    synchronized (lock) {
      FaultSettings f = faults;
      faults =
          new FaultSettings(
              update.path("error500").asDouble(f.error500()),
              update.path("error502").asDouble(f.error502()),
              update.path("error503").asDouble(f.error503()),
              update.path("timeout").asDouble(f.timeout()),
              update.path("connectionReset").asDouble(f.connectionReset()),
              update.path("malformedJson").asDouble(f.malformedJson()),
              update.path("missingEntry").asDouble(f.missingEntry()),
              update.path("forced429").asInt(f.forced429()),
              update.has("rejectIdentifiers")
                  ? strings(update.get("rejectIdentifiers"))
                  : f.rejectIdentifiers());
      if (update.has("latency")) {
        JsonNode l = update.get("latency");
        latency =
            new LatencyModel(
                LatencyModel.Kind.valueOf(l.path("kind").asText("NONE")),
                Duration.ofMillis(l.path("minMillis").asLong(0)),
                Duration.ofMillis(l.path("maxMillis").asLong(l.path("minMillis").asLong(0))),
                l.path("tailProbability").asDouble(0),
                Duration.ofMillis(l.path("tailMillis").asLong(0)));
      }
      if (update.has("creditBalance")) {
        creditBalance = update.get("creditBalance").asDouble();
      }
      if (update.has("validApiKeys")) {
        validKeys = strings(update.get("validApiKeys"));
      }
      if (update.has("forbiddenApiKeys")) {
        forbiddenKeys = strings(update.get("forbiddenApiKeys"));
      }
      if (update.has("invalidateKeys")) {
        Set<String> remaining = new HashSet<>(validKeys);
        remaining.removeAll(strings(update.get("invalidateKeys")));
        validKeys = Set.copyOf(remaining);
      }
    }
  }

  private ObjectNode controlsJson() {
    synchronized (lock) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("error500", faults.error500());
      root.put("error502", faults.error502());
      root.put("error503", faults.error503());
      root.put("timeout", faults.timeout());
      root.put("connectionReset", faults.connectionReset());
      root.put("malformedJson", faults.malformedJson());
      root.put("missingEntry", faults.missingEntry());
      root.put("forced429", faults.forced429());
      faults.rejectIdentifiers().stream().sorted().forEach(root.putArray("rejectIdentifiers")::add);
      ObjectNode l = root.putObject("latency");
      l.put("kind", latency.kind().name());
      l.put("minMillis", latency.min().toMillis());
      l.put("maxMillis", latency.max().toMillis());
      l.put("tailProbability", latency.tailProbability());
      l.put("tailMillis", latency.tail().toMillis());
      root.put("creditBalance", creditBalance);
      // Key values are secrets even in a simulator: report how many, not which.
      root.put("validApiKeyCount", validKeys.size());
      root.put("forbiddenApiKeyCount", forbiddenKeys.size());
      return root;
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * Runs the simulator alone until killed. Options ({@code --name=value}): {@code port} (8089),
   * {@code size}, {@code seed}, {@code rate-limit}, {@code window-seconds}, {@code credits}, {@code
   * api-key} (repeatable by commas), {@code all-fields}, {@code not-found-when-all-miss}, {@code
   * lenient-emails}.
   */
  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("options look like --name=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(
          eq < 0 ? arg.substring(2) : arg.substring(2, eq),
          eq < 0 ? "true" : arg.substring(eq + 1));
    }
    SimulatorSettings d = SimulatorSettings.defaults();
    SimulatorSettings settings =
        new SimulatorSettings(
            Integer.parseInt(options.getOrDefault("port", "8089")),
            Integer.parseInt(options.getOrDefault("size", Integer.toString(d.datasetSize()))),
            Long.parseLong(options.getOrDefault("seed", Long.toString(d.seed()))),
            Integer.parseInt(
                options.getOrDefault("rate-limit", Integer.toString(d.rateLimitRequests()))),
            Duration.ofMillis(
                (long) (1000 * Double.parseDouble(options.getOrDefault("window-seconds", "60")))),
            LatencyModel.none(),
            FaultSettings.none(),
            Double.parseDouble(options.getOrDefault("credits", format(d.creditBalance()))),
            Boolean.parseBoolean(options.getOrDefault("all-fields", "false")),
            Boolean.parseBoolean(options.getOrDefault("not-found-when-all-miss", "false")),
            !Boolean.parseBoolean(options.getOrDefault("lenient-emails", "false")),
            true,
            Set.of(options.getOrDefault("api-key", SimulatorSettings.DEFAULT_API_KEY).split(",")),
            Set.of());
    CrustdataSimulator simulator = new CrustdataSimulator(settings);
    simulator.start();
    System.out.println(
        "Crustdata simulator on "
            + simulator.baseUrl()
            + ENRICH_PATH
            + " (admin: "
            + simulator.baseUrl()
            + "/admin/stats)");
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
  }
}
