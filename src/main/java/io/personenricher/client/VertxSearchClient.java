package io.personenricher.client;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaFeedback;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link SearchClient} over its own {@link VertxApiTransport}: the same pacing, bounds, timeouts,
 * halting and secrecy as enrichment, in a halt domain of its own, so a key not entitled to search
 * halts searches and never enrichment.
 *
 * <p>Threading notes: as the transport's; every method is thread-safe and non-blocking.
 */
public final class VertxSearchClient implements SearchClient {

  private final VertxApiTransport transport;

  public VertxSearchClient(
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      Clock clock) {
    this.transport = new VertxApiTransport("search", vertx, settings, metrics, feedback, clock);
  }

  @Override
  public CompletionStage<SearchOutcome> search(SearchPageRequest request, Permit permit) {
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

  /** Credits the API reported for searches over the client's lifetime. */
  public double creditsUsed() {
    return transport.creditsUsed();
  }

  @Override
  public void close() {
    transport.close();
  }

  private record Exchange(SearchPageRequest request) implements ApiExchange<SearchOutcome> {

    @Override
    public Endpoint endpoint() {
      return Endpoint.SEARCH;
    }

    @Override
    public String body() {
      return SearchProtocol.requestBody(request);
    }

    @Override
    public String describe() {
      return "a page of " + request.limit();
    }

    @Override
    public SearchOutcome answered(
        int status, String body, EnrichProtocol.QuotaHeaders quota, Instant notBefore) {
      return SearchProtocol.classify(status, body, quota, notBefore);
    }

    @Override
    public SearchOutcome failed(EnrichOutcome failure) {
      return new SearchOutcome.Failed(failure);
    }

    @Override
    public EnrichOutcome failureOf(SearchOutcome outcome) {
      return outcome instanceof SearchOutcome.Failed failed ? failed.failure() : null;
    }
  }
}
