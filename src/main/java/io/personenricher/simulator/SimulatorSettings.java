package io.personenricher.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Start-up configuration of the {@link CrustdataSimulator}. Where the spec marks behaviour as
 * inferred, there is a switch here.
 *
 * <p>Rate limits: every endpoint has its own sliding window per key, all of the same length ({@code
 * rateWindow}). {@code rateLimitRequests} is {@code /person/enrich}'s limit; the other endpoints'
 * limits are in {@code endpoints}, per window too. A window shorter than the API's 60 s scales the
 * test down: {@code GET /account/endpoints} then reports each per-window limit scaled to a minute.
 *
 * @param port TCP port; 0 picks a free one ({@link CrustdataSimulator#start()} returns it)
 * @param datasetSize number of synthetic people
 * @param seed dataset seed: the same seed and size give the same people
 * @param rateLimitRequests {@code /person/enrich} requests allowed per key per {@code rateWindow}
 *     (API default 15 per 60 s)
 * @param rateWindow the sliding window of every endpoint
 * @param latency {@code /person/enrich}'s answer latency
 * @param faults faults injected into {@code /person/enrich} at start
 * @param creditBalance starting credit balance (every key shares it, as credits are account-wide)
 * @param allFieldsByDefault true: omitted {@code fields} returns every section (OLD docs); false:
 *     basic_profile + social_handles (NEW docs, default)
 * @param notFoundWhenAllMiss true: answer 404 when no input matches (the OpenAPI spec); false: 200
 *     with empty matches (observed behaviour, default)
 * @param rejectMalformedEmails true: a syntactically invalid email fails the request with 400
 *     (default); false: it just gets {@code matches: []}
 * @param serverSideMinSimilarity true: {@code min_similarity_score} filters email candidates
 *     (default)
 * @param validApiKeys keys that authenticate
 * @param forbiddenApiKeys keys that authenticate but are entitled to no person endpoint (403); the
 *     free account endpoints still answer them
 * @param endpoints the other endpoints' limits, latency and entitlement; a missing endpoint gets
 *     {@link EndpointSettings#defaults}; {@code /person/enrich} must not be here
 * @param accountEndpointsAvailable false: {@code GET /account/endpoints} answers 404, as for an
 *     account or API revision without it
 * @param notIndexedFraction the share (0 to 0.9) of all valid synthetic profile URLs that are not
 *     in the indexed dataset: enrich and search miss them, live enrich finds them. They are extra
 *     people beyond {@code datasetSize}, so the indexed people stay the same whatever the fraction
 *     (default {@value #DEFAULT_NOT_INDEXED_FRACTION}); see {@link SyntheticPeople}
 */
public record SimulatorSettings(
    int port,
    int datasetSize,
    long seed,
    int rateLimitRequests,
    Duration rateWindow,
    LatencyModel latency,
    FaultSettings faults,
    double creditBalance,
    boolean allFieldsByDefault,
    boolean notFoundWhenAllMiss,
    boolean rejectMalformedEmails,
    boolean serverSideMinSimilarity,
    Set<String> validApiKeys,
    Set<String> forbiddenApiKeys,
    Map<SimulatedEndpoint, EndpointSettings> endpoints,
    boolean accountEndpointsAvailable,
    double notIndexedFraction) {

  /** The key {@link #defaults()} accepts. */
  public static final String DEFAULT_API_KEY = "sim-key";

  /** One valid profile URL in ten is only found by a live fetch. */
  public static final double DEFAULT_NOT_INDEXED_FRACTION = 0.1;

  public SimulatorSettings {
    Objects.requireNonNull(rateWindow, "rateWindow");
    latency = latency == null ? LatencyModel.none() : latency;
    faults = faults == null ? FaultSettings.none() : faults;
    validApiKeys = Set.copyOf(Objects.requireNonNull(validApiKeys, "validApiKeys"));
    forbiddenApiKeys = forbiddenApiKeys == null ? Set.of() : Set.copyOf(forbiddenApiKeys);
    endpoints = completed(endpoints);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535]");
    }
    if (datasetSize < 1
        || rateLimitRequests < 1
        || rateWindow.isNegative()
        || rateWindow.isZero()) {
      throw new IllegalArgumentException(
          "datasetSize, rateLimitRequests and rateWindow must be positive");
    }
    if (creditBalance < 0) {
      throw new IllegalArgumentException("creditBalance must not be negative");
    }
    if (!(notIndexedFraction >= 0 && notIndexedFraction <= 0.9)) {
      throw new IllegalArgumentException("notIndexedFraction must be within [0, 0.9]");
    }
  }

  /** The settings before per-endpoint configuration: every other endpoint at its defaults. */
  public SimulatorSettings(
      int port,
      int datasetSize,
      long seed,
      int rateLimitRequests,
      Duration rateWindow,
      LatencyModel latency,
      FaultSettings faults,
      double creditBalance,
      boolean allFieldsByDefault,
      boolean notFoundWhenAllMiss,
      boolean rejectMalformedEmails,
      boolean serverSideMinSimilarity,
      Set<String> validApiKeys,
      Set<String> forbiddenApiKeys) {
    this(
        port,
        datasetSize,
        seed,
        rateLimitRequests,
        rateWindow,
        latency,
        faults,
        creditBalance,
        allFieldsByDefault,
        notFoundWhenAllMiss,
        rejectMalformedEmails,
        serverSideMinSimilarity,
        validApiKeys,
        forbiddenApiKeys,
        Map.of(),
        true,
        DEFAULT_NOT_INDEXED_FRACTION);
  }

  /**
   * The API's documented behaviour: 15 requests per 60 s on enrich and the §5 limits elsewhere, 10k
   * people, plenty of credits, key {@code sim-key}.
   */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        0,
        10_000,
        42L,
        SimulatedEndpoint.ENRICH.defaultRateLimit(),
        Duration.ofSeconds(60),
        LatencyModel.none(),
        FaultSettings.none(),
        1_000_000,
        false,
        false,
        true,
        true,
        Set.of(DEFAULT_API_KEY),
        Set.of());
  }

  /** {@code endpoint}'s limit, latency and entitlement, {@code /person/enrich} included. */
  public EndpointSettings endpoint(SimulatedEndpoint endpoint) {
    return endpoint == SimulatedEndpoint.ENRICH
        ? new EndpointSettings(rateLimitRequests, latency, true)
        : endpoints.get(endpoint);
  }

  public SimulatorSettings withPort(int newPort) {
    return with(c -> c.port = newPort);
  }

  public SimulatorSettings withDataset(int size, long newSeed) {
    return with(
        c -> {
          c.datasetSize = size;
          c.seed = newSeed;
        });
  }

  /** {@code /person/enrich}'s limit and every endpoint's window length. */
  public SimulatorSettings withRateLimit(int requests, Duration window) {
    return with(
        c -> {
          c.rateLimitRequests = requests;
          c.rateWindow = window;
        });
  }

  /** {@code /person/enrich}'s latency. */
  public SimulatorSettings withLatency(LatencyModel model) {
    return with(c -> c.latency = model);
  }

  /** {@code /person/enrich}'s start-up faults. */
  public SimulatorSettings withFaults(FaultSettings newFaults) {
    return with(c -> c.faults = newFaults);
  }

  public SimulatorSettings withCreditBalance(double credits) {
    return with(c -> c.creditBalance = credits);
  }

  /** The inferred-behaviour switches in one call. */
  public SimulatorSettings withModes(
      boolean allFields, boolean notFound, boolean rejectBadEmails, boolean minSimilarity) {
    return with(
        c -> {
          c.allFieldsByDefault = allFields;
          c.notFoundWhenAllMiss = notFound;
          c.rejectMalformedEmails = rejectBadEmails;
          c.serverSideMinSimilarity = minSimilarity;
        });
  }

  public SimulatorSettings withApiKeys(Set<String> valid, Set<String> forbidden) {
    return with(
        c -> {
          c.validApiKeys = valid;
          c.forbiddenApiKeys = forbidden;
        });
  }

  /**
   * One endpoint's settings. For {@code /person/enrich} this sets {@code rateLimitRequests} and
   * {@code latency}; its entitlement is per key ({@code forbiddenApiKeys}), so it must stay true.
   */
  public SimulatorSettings withEndpoint(SimulatedEndpoint endpoint, EndpointSettings settings) {
    if (endpoint == SimulatedEndpoint.ENRICH) {
      if (!settings.entitled()) {
        throw new IllegalArgumentException(
            "/person/enrich's entitlement is per key: use forbiddenApiKeys");
      }
      return with(
          c -> {
            c.rateLimitRequests = settings.rateLimitRequests();
            c.latency = settings.latency();
          });
    }
    return with(c -> c.endpoints.put(endpoint, settings));
  }

  /** One endpoint's rate limit per window ({@code /person/enrich} included). */
  public SimulatorSettings withEndpointRateLimit(SimulatedEndpoint endpoint, int requests) {
    return withEndpoint(endpoint, endpoint(endpoint).withRateLimit(requests));
  }

  /** One endpoint's latency ({@code /person/enrich} included). */
  public SimulatorSettings withEndpointLatency(SimulatedEndpoint endpoint, LatencyModel model) {
    return withEndpoint(endpoint, endpoint(endpoint).withLatency(model));
  }

  /** Whether keys are entitled to an endpoint other than {@code /person/enrich} (403 if not). */
  public SimulatorSettings withEntitlement(SimulatedEndpoint endpoint, boolean entitled) {
    return withEndpoint(endpoint, endpoint(endpoint).withEntitled(entitled));
  }

  /** The share of valid profile URLs only live enrich finds (0 to 0.9). */
  public SimulatorSettings withNotIndexedFraction(double fraction) {
    return with(c -> c.notIndexedFraction = fraction);
  }

  /** false: {@code GET /account/endpoints} answers 404. */
  public SimulatorSettings withAccountEndpoints(boolean available) {
    return with(c -> c.accountEndpointsAvailable = available);
  }

  private static Map<SimulatedEndpoint, EndpointSettings> completed(
      Map<SimulatedEndpoint, EndpointSettings> given) {
    Map<SimulatedEndpoint, EndpointSettings> all = new EnumMap<>(SimulatedEndpoint.class);
    if (given != null) {
      if (given.containsKey(SimulatedEndpoint.ENRICH)) {
        throw new IllegalArgumentException(
            "configure /person/enrich through rateLimitRequests and latency, not endpoints");
      }
      all.putAll(given);
    }
    for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
      if (e != SimulatedEndpoint.ENRICH) {
        all.putIfAbsent(e, EndpointSettings.defaults(e));
      }
    }
    return Map.copyOf(all);
  }

  private SimulatorSettings with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A mutable copy, so each {@code with...} names only what it changes. */
  private static final class Copy {
    int port;
    int datasetSize;
    long seed;
    int rateLimitRequests;
    Duration rateWindow;
    LatencyModel latency;
    FaultSettings faults;
    double creditBalance;
    boolean allFieldsByDefault;
    boolean notFoundWhenAllMiss;
    boolean rejectMalformedEmails;
    boolean serverSideMinSimilarity;
    Set<String> validApiKeys;
    Set<String> forbiddenApiKeys;
    Map<SimulatedEndpoint, EndpointSettings> endpoints;
    boolean accountEndpointsAvailable;
    double notIndexedFraction;

    Copy(SimulatorSettings s) {
      port = s.port;
      datasetSize = s.datasetSize;
      seed = s.seed;
      rateLimitRequests = s.rateLimitRequests;
      rateWindow = s.rateWindow;
      latency = s.latency;
      faults = s.faults;
      creditBalance = s.creditBalance;
      allFieldsByDefault = s.allFieldsByDefault;
      notFoundWhenAllMiss = s.notFoundWhenAllMiss;
      rejectMalformedEmails = s.rejectMalformedEmails;
      serverSideMinSimilarity = s.serverSideMinSimilarity;
      validApiKeys = s.validApiKeys;
      forbiddenApiKeys = s.forbiddenApiKeys;
      endpoints = new EnumMap<>(SimulatedEndpoint.class);
      endpoints.putAll(s.endpoints);
      accountEndpointsAvailable = s.accountEndpointsAvailable;
      notIndexedFraction = s.notIndexedFraction;
    }

    SimulatorSettings build() {
      return new SimulatorSettings(
          port,
          datasetSize,
          seed,
          rateLimitRequests,
          rateWindow,
          latency,
          faults,
          creditBalance,
          allFieldsByDefault,
          notFoundWhenAllMiss,
          rejectMalformedEmails,
          serverSideMinSimilarity,
          validApiKeys,
          forbiddenApiKeys,
          endpoints,
          accountEndpointsAvailable,
          notIndexedFraction);
    }
  }
}
