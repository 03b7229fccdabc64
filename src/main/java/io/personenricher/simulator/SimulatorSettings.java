package io.personenricher.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Start-up configuration of the {@link CrustdataSimulator}. Where the spec marks behaviour as
 * inferred, there is a switch here.
 *
 * @param port TCP port; 0 picks a free one ({@link CrustdataSimulator#start()} returns it)
 * @param datasetSize number of synthetic people
 * @param seed dataset seed: the same seed and size give the same people
 * @param rateLimitRequests requests allowed per key per {@code rateWindow} (API default 15 per 60
 *     s)
 * @param rateWindow the sliding window
 * @param latency answer latency
 * @param faults injected faults at start
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
 * @param forbiddenApiKeys keys that authenticate but are not entitled to Person Enrich (403)
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
    Set<String> forbiddenApiKeys) {

  /** The key {@link #defaults()} accepts. */
  public static final String DEFAULT_API_KEY = "sim-key";

  public SimulatorSettings {
    Objects.requireNonNull(rateWindow, "rateWindow");
    latency = latency == null ? LatencyModel.none() : latency;
    faults = faults == null ? FaultSettings.none() : faults;
    validApiKeys = Set.copyOf(Objects.requireNonNull(validApiKeys, "validApiKeys"));
    forbiddenApiKeys = forbiddenApiKeys == null ? Set.of() : Set.copyOf(forbiddenApiKeys);
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
  }

  /**
   * The API's documented behaviour: 15 requests per 60 s, 10k people, plenty of credits, key {@code
   * sim-key}.
   */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        0,
        10_000,
        42L,
        15,
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

  public SimulatorSettings withPort(int newPort) {
    return new SimulatorSettings(
        newPort,
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
        forbiddenApiKeys);
  }

  public SimulatorSettings withDataset(int size, long newSeed) {
    return new SimulatorSettings(
        port,
        size,
        newSeed,
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
        forbiddenApiKeys);
  }

  public SimulatorSettings withRateLimit(int requests, Duration window) {
    return new SimulatorSettings(
        port,
        datasetSize,
        seed,
        requests,
        window,
        latency,
        faults,
        creditBalance,
        allFieldsByDefault,
        notFoundWhenAllMiss,
        rejectMalformedEmails,
        serverSideMinSimilarity,
        validApiKeys,
        forbiddenApiKeys);
  }

  public SimulatorSettings withLatency(LatencyModel model) {
    return new SimulatorSettings(
        port,
        datasetSize,
        seed,
        rateLimitRequests,
        rateWindow,
        model,
        faults,
        creditBalance,
        allFieldsByDefault,
        notFoundWhenAllMiss,
        rejectMalformedEmails,
        serverSideMinSimilarity,
        validApiKeys,
        forbiddenApiKeys);
  }

  public SimulatorSettings withFaults(FaultSettings newFaults) {
    return new SimulatorSettings(
        port,
        datasetSize,
        seed,
        rateLimitRequests,
        rateWindow,
        latency,
        newFaults,
        creditBalance,
        allFieldsByDefault,
        notFoundWhenAllMiss,
        rejectMalformedEmails,
        serverSideMinSimilarity,
        validApiKeys,
        forbiddenApiKeys);
  }

  public SimulatorSettings withCreditBalance(double credits) {
    return new SimulatorSettings(
        port,
        datasetSize,
        seed,
        rateLimitRequests,
        rateWindow,
        latency,
        faults,
        credits,
        allFieldsByDefault,
        notFoundWhenAllMiss,
        rejectMalformedEmails,
        serverSideMinSimilarity,
        validApiKeys,
        forbiddenApiKeys);
  }

  /** The inferred-behaviour switches in one call. */
  public SimulatorSettings withModes(
      boolean allFields, boolean notFound, boolean rejectBadEmails, boolean minSimilarity) {
    return new SimulatorSettings(
        port,
        datasetSize,
        seed,
        rateLimitRequests,
        rateWindow,
        latency,
        faults,
        creditBalance,
        allFields,
        notFound,
        rejectBadEmails,
        minSimilarity,
        validApiKeys,
        forbiddenApiKeys);
  }

  public SimulatorSettings withApiKeys(Set<String> valid, Set<String> forbidden) {
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
        valid,
        forbidden);
  }
}
