package io.personenricher.search;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchStatus;
import io.personenricher.routing.OutputRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a search writes: each person found as an {@link IdentifierEvent} for the enrichment
 * (keyed and tagged with the search's request id and the person's position), its one {@link
 * PersonSearchResult}, and the dead letter of a failed one. Pure builders.
 */
public final class SearchRecords {

  /** Metadata key of every found person's event (and so of its output): the search's id. */
  public static final String REQUEST_ID = "enricher.search.request_id";

  /** Metadata key of every found person's event: its 0-based position in the search's results. */
  public static final String POSITION = "enricher.search.position";

  private SearchRecords() {}

  /** The record key of a found person: {@code search:<request id>:<position>}. */
  public static String personKey(String requestId, int position) {
    return "search:" + requestId + ":" + position;
  }

  static byte[] personKeyBytes(String requestId, int position) {
    return personKey(requestId, position).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The person at {@code position} as an identifier event: the request's enrich options, its
   * metadata plus the search's id and the position, and the request record's time as event time (so
   * end-to-end latency counts from the search).
   */
  static IdentifierEvent person(SearchState state, int position, String profileUrl) {
    PersonSearchRequest request = state.request();
    Map<String, String> metadata = new LinkedHashMap<>(request.getMetadata());
    metadata.put(REQUEST_ID, request.getRequestId());
    metadata.put(POSITION, Integer.toString(position));
    return IdentifierEvent.newBuilder()
        .setIdentifierType(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL)
        .setIdentifier(profileUrl)
        .setMinSimilarityScore(request.getMinSimilarityScore())
        .setFields(request.getFields())
        .setMetadata(metadata)
        .setEventTime(Instant.ofEpochMilli(state.recordTimestamp()))
        .build();
  }

  /**
   * The search's result.
   *
   * @param profileUrls every person found, by position; empty when {@code complete} is false
   */
  static PersonSearchResult result(
      SearchState state, List<String> profileUrls, boolean complete, Instant now) {
    SearchState.Pages pages = state.pages();
    SearchState.Failure failure = state.failure();
    return PersonSearchResult.newBuilder()
        .setRequest(state.request())
        .setStatus(failure == null ? SearchStatus.COMPLETED : SearchStatus.FAILED)
        .setTotalCount(pages.totalCount())
        .setReturned(pages.returned())
        .setProfileUrls(profileUrls)
        .setProfileUrlsComplete(complete)
        .setPages(pages.count())
        .setCreditsUsed(pages.credits())
        .setErrorClass(failure == null ? null : failure.errorClass())
        .setErrorMessage(failure == null ? null : failure.message())
        .setLastHttpStatus(
            failure != null && failure.httpStatus() != null
                ? failure.httpStatus()
                : pages.lastHttpStatus())
        .setFinishedAt(now)
        .build();
  }

  /**
   * The dead letter of a failed search: its source, reason and message, and the record's bytes when
   * they never decoded into a request.
   */
  static DeadLetter deadLetter(SearchState state, byte[] rawValue, Instant now) {
    SearchState.Failure failure = state.failure();
    String id = state.requestId();
    return OutputRecords.deadLetter(
        state.source(),
        null,
        state.request() == null ? rawValue : null,
        failure.reason(),
        failure.errorClass(),
        (id == null ? "search request" : "search " + id) + ": " + failure.message(),
        failure.httpStatus(),
        state.tries().calls(),
        now);
  }
}
