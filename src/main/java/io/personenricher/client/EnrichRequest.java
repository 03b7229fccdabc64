package io.personenricher.client;

import io.personenricher.quota.Endpoint;
import java.util.List;
import java.util.Objects;

/**
 * One {@code POST /person/enrich} call: 1 to {@value #MAX_IDENTIFIERS} identifiers of a single
 * kind, plus the request options they share. Construction enforces the API's batching rules, so a
 * request the API would reject for its shape can never be sent.
 *
 * @param kind which identifier list the values go into
 * @param identifiers the values exactly as they will be sent; the response has one entry per value,
 *     in order
 * @param fields person_data sections or dotted paths to request; empty means the API default
 * @param minSimilarityScore optional threshold in [0, 1] sent to the API; null sends none
 * @param endpoint where the request goes ({@code /person/enrich}, or for business emails on the
 *     newer contract {@code /person/contact/enrich}; live enrich for the fallback)
 */
public record EnrichRequest(
    IdentifierKind kind,
    List<String> identifiers,
    List<String> fields,
    Double minSimilarityScore,
    Endpoint endpoint) {

  /** A request to {@code /person/enrich}. */
  public EnrichRequest(
      IdentifierKind kind,
      List<String> identifiers,
      List<String> fields,
      Double minSimilarityScore) {
    this(kind, identifiers, fields, minSimilarityScore, Endpoint.ENRICH);
  }

  /** The API's per-request identifier limit. */
  public static final int MAX_IDENTIFIERS = 25;

  public EnrichRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(identifiers, "identifiers");
    if (identifiers.isEmpty() || identifiers.size() > MAX_IDENTIFIERS) {
      throw new IllegalArgumentException(
          "a request carries 1 to " + MAX_IDENTIFIERS + " identifiers, got " + identifiers.size());
    }
    if (identifiers.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("identifiers must not contain null");
    }
    identifiers = List.copyOf(identifiers);
    fields = fields == null ? List.of() : List.copyOf(fields);
    if (minSimilarityScore != null && !(minSimilarityScore >= 0.0 && minSimilarityScore <= 1.0)) {
      throw new IllegalArgumentException(
          "min_similarity_score must be within [0, 1], got " + minSimilarityScore);
    }
  }

  public int size() {
    return identifiers.size();
  }
}
