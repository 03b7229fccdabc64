package io.personenricher.topology;

import io.personenricher.client.SearchClient;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.search.SearchSettings;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the Search then Enrich sub-topology needs beside the enrichment's own parts.
 *
 * @param requestsTopic search requests ({@code enricher.topic.search.requests})
 * @param resultsTopic one result per request ({@code enricher.topic.search.results})
 * @param requests the request value serde
 * @param results the result value serde
 * @param client the Person Search client
 * @param settings the search processor's knobs
 */
public record SearchWiring(
    String requestsTopic,
    String resultsTopic,
    Serde<PersonSearchRequest> requests,
    Serde<PersonSearchResult> results,
    SearchClient client,
    SearchSettings settings) {

  public SearchWiring {
    Objects.requireNonNull(requestsTopic, "requestsTopic");
    Objects.requireNonNull(resultsTopic, "resultsTopic");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
  }
}
