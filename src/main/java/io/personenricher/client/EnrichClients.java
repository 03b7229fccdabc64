package io.personenricher.client;

import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The enrichment processor's one {@link EnrichClient} over two: live enrich requests go to their
 * own client, everything else to the main one. Only the main client's halt counts for pacing and
 * readiness, so a 403 from a plan without live enrich halts the live client alone; the processor
 * turns its answers into unmatched outputs (and turns the fallback off) while enrichment carries
 * on.
 *
 * <p>Threading notes: stateless over two thread-safe clients.
 */
public final class EnrichClients implements EnrichClient {

  private final EnrichClient main;
  private final EnrichClient live;

  public EnrichClients(EnrichClient main, EnrichClient live) {
    this.main = main;
    this.live = live;
  }

  @Override
  public CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
    return (request.endpoint() == Endpoint.LIVE_ENRICH ? live : main).enrich(request, permit);
  }

  @Override
  public Duration delayUntilNextPermit() {
    return main.delayUntilNextPermit();
  }

  @Override
  public Optional<HaltReason> haltReason() {
    return main.haltReason();
  }

  @Override
  public void close() {
    main.close();
    live.close();
  }
}
