package io.personenricher.app;

import io.personenricher.batching.LiveFallback;
import io.personenricher.client.ClientSettings;
import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichClients;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.client.VertxSearchClient;
import io.personenricher.config.EnricherConfig;
import io.personenricher.credits.BudgetedSearchClient;
import io.personenricher.credits.CreditBudget;
import io.personenricher.credits.CreditMetrics;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.quota.QuotaFeedback;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.SearchWiring;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * The clients of the workflows beside plain enrichment, as configured: live enrich behind the main
 * client ({@code enricher.live.enrich.unmatched}) and Person Search ({@code
 * enricher.search.enabled}), each on its own transport and halt domain, so a plan without one of
 * them never halts enrichment.
 *
 * <p>Threading notes: built and closed by the composition root's thread; the clients are
 * thread-safe.
 */
final class WorkflowClients {

  private final EnrichClient enrich;
  private final LiveFallback live;
  private final Optional<SearchWiring> search;

  private WorkflowClients(EnrichClient enrich, LiveFallback live, Optional<SearchWiring> search) {
    this.enrich = enrich;
    this.live = live;
    this.search = search;
  }

  /** Builds what the config asks for; each client is registered with {@code opened}. */
  static WorkflowClients build(
      EnricherConfig config,
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      VertxEnrichClient main,
      CreditBudget budget,
      CreditMetrics creditMetrics,
      CloseOnFailure opened) {
    Clock clock = Clock.systemUTC();
    EnrichClient enrich = main;
    if (config.liveEnrichUnmatched()) {
      VertxEnrichClient liveClient =
          opened.add(
              "live enrich client",
              new VertxEnrichClient("live-enrich", vertx, settings, metrics, feedback, clock),
              VertxEnrichClient::close);
      enrich = new EnrichClients(main, liveClient);
    }
    LiveFallback live = LiveFallback.of(config.liveEnrichUnmatched(), metrics);
    Optional<SearchWiring> search =
        config
            .searchSettings()
            .map(
                searchSettings ->
                    new SearchWiring(
                        config.searchRequestsTopic(),
                        config.searchResultsTopic(),
                        AvroSerdes.specific(PersonSearchRequest.class, config.serdeConfig()),
                        AvroSerdes.specific(PersonSearchResult.class, config.serdeConfig()),
                        new BudgetedSearchClient(
                            opened.add(
                                "search client",
                                new VertxSearchClient(vertx, settings, metrics, feedback, clock),
                                VertxSearchClient::close),
                            budget,
                            creditMetrics,
                            clock),
                        searchSettings));
    return new WorkflowClients(enrich, live, search);
  }

  /** The enrichment processor's client: the main one, with live enrich beside it when on. */
  EnrichClient enrichClient() {
    return enrich;
  }

  LiveFallback live() {
    return live;
  }

  Optional<SearchWiring> search() {
    return search;
  }

  /** Closes the clients beside the main one (which the composition root closes itself). */
  void close() {
    if (enrich instanceof EnrichClients) {
      // EnrichClients closes both; the main one tolerates a second close.
      enrich.close();
    }
    search.ifPresent(wiring -> wiring.client().close());
  }
}
