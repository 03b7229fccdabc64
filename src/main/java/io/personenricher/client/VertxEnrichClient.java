package io.personenricher.client;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaFeedback;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link EnrichClient} over a {@link VertxApiTransport}: the enrich envelope ({@link
 * EnrichProtocol}) sent at each request's permit time, bounded, halting on fatal answers; see the
 * transport for the timing, bounds, timeouts, halting and secrecy every API client shares.
 *
 * <p>Each instance is its own halt domain. The composition root gives live enrich its own instance
 * (with its longer timeout), so that a 403 from a plan without live enrich halts only that one and
 * enrichment carries on ({@link EnrichClients}).
 *
 * <p>Threading notes: shared by every stream thread; every method is thread-safe and non-blocking
 * (the transport's threading notes say how).
 */
public final class VertxEnrichClient implements EnrichClient {

  private final VertxApiTransport transport;

  public VertxEnrichClient(Vertx vertx, ClientSettings settings, EnricherMetrics metrics) {
    this(vertx, settings, metrics, QuotaFeedback.IGNORE, Clock.systemUTC());
  }

  /**
   * @param feedback told the key's limit and every 429, for the quota
   * @param clock the time source of permits and halting (tests)
   */
  public VertxEnrichClient(
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      Clock clock) {
    this("enrich", vertx, settings, metrics, feedback, clock);
  }

  /**
   * @param name what this client serves, for its log lines (e.g. {@code live enrich})
   */
  public VertxEnrichClient(
      String name,
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      Clock clock) {
    this.transport = new VertxApiTransport(name, vertx, settings, metrics, feedback, clock);
  }

  @Override
  public CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
    return transport.submit(new Exchange(request), permit);
  }

  @Override
  public Duration delayUntilNextPermit() {
    return transport.delayUntilNextPermit();
  }

  @Override
  public Optional<HaltReason> haltReason() {
    return transport.haltReason();
  }

  /**
   * The key's per-minute limit of each endpoint, as {@code GET /account/endpoints} lists it (free,
   * its own 300 per minute); an empty map when the API does not offer the listing or the call fails
   * (callers then start at the documented limits).
   */
  public CompletionStage<Map<Endpoint, Integer>> accountLimits() {
    return transport
        .get("/account/endpoints")
        .thenApply(body -> body.map(AccountEndpoints::limits).orElse(Map.of()));
  }

  /** Credits the API reported ({@code x-credits-used}) over the client's lifetime. */
  public double creditsUsed() {
    return transport.creditsUsed();
  }

  /** Requests waiting for a permit or a slot. */
  public int queuedRequests() {
    return transport.queuedRequests();
  }

  /** Requests on the wire, including timed-out ones whose connection is still closing. */
  public int inFlightRequests() {
    return transport.inFlightRequests();
  }

  @Override
  public void close() {
    transport.close();
  }

  /** A {@code /person/enrich}-shaped call: the request's endpoint, its body and its answers. */
  private record Exchange(EnrichRequest request) implements ApiExchange<EnrichOutcome> {

    @Override
    public Endpoint endpoint() {
      return request.endpoint();
    }

    @Override
    public String body() {
      return EnrichProtocol.requestBody(request);
    }

    @Override
    public String describe() {
      return request.size() + " identifiers";
    }

    @Override
    public EnrichOutcome answered(
        int status, String body, EnrichProtocol.QuotaHeaders quota, Instant notBefore) {
      return EnrichProtocol.classify(request, status, body, quota, notBefore);
    }

    @Override
    public EnrichOutcome failed(EnrichOutcome failure) {
      return failure;
    }

    @Override
    public EnrichOutcome failureOf(EnrichOutcome outcome) {
      return outcome instanceof EnrichOutcome.Success ? null : outcome;
    }
  }
}
