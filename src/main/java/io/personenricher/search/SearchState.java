package io.personenricher.search;

import io.personenricher.client.SearchOutcome;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.routing.RecordSource;
import java.util.Objects;

/**
 * One search request the processor still owes outputs for, as kept in the changelogged store: where
 * it came from, the request, how far its pages and its people got, its retry history, and why it
 * failed if it did. Immutable; every step makes a new one.
 *
 * <p>What it needs next ({@link #next()}) follows from the fields alone, so a new owner of the task
 * resumes each search exactly where the last committed transaction left it: the pages already
 * followed are never fetched (nor paid for) again, and the people already forwarded never again.
 *
 * @param source the request record: topic, partition, offset (the state's key) and key bytes
 * @param recordTimestamp the request record's timestamp: the event time of every person it finds
 * @param request the decoded request; null while the registry is out of reach ({@code rawValue}
 *     set) and for bytes that are no request
 * @param rawValue the record's bytes while they wait to be decoded, else null
 * @param pages how far the pages got
 * @param tries the current page's retry history
 * @param failure why the search failed, or null
 */
public record SearchState(
    RecordSource source,
    long recordTimestamp,
    PersonSearchRequest request,
    byte[] rawValue,
    Pages pages,
    Tries tries,
    Failure failure) {

  public SearchState {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pages, "pages");
    Objects.requireNonNull(tries, "tries");
  }

  /** What a search needs next. */
  public enum Step {
    /** Its bytes wait for the schema registry. */
    DECODE,
    /** People of fetched pages are still to be forwarded. */
    EMIT,
    /** Its outputs are due: the result (and a dead letter when it failed). */
    FINISH,
    /** The next page is to be fetched. */
    FETCH
  }

  /**
   * How far the pages got.
   *
   * @param cursor the next page's cursor; null before the first page
   * @param done no page is left to fetch (the last had no next cursor, or the limit is reached)
   * @param count pages answered
   * @param returned profiles the API returned, over all pages
   * @param found people with a profile URL (positions {@code 0..found-1}, kept in the found store)
   * @param emitted people forwarded to enrichment (positions {@code 0..emitted-1})
   * @param totalCount the API's total_count, or null before the first page
   * @param credits credits the pages cost, or null when the API reported none
   * @param lastHttpStatus the latest HTTP status, or null
   */
  public record Pages(
      String cursor,
      boolean done,
      int count,
      int returned,
      int found,
      int emitted,
      Long totalCount,
      Double credits,
      Integer lastHttpStatus) {

    static final Pages NONE = new Pages(null, false, 0, 0, 0, 0, null, null, null);
  }

  /**
   * The current page's retry history; reset once a page is answered.
   *
   * @param calls API calls made for the search (all pages)
   * @param failures retriable failures of the current page
   * @param firstCallAtMs when the current page's first call went, for the retry deadline (0 before)
   * @param notBeforeMs the earliest the next call may go
   */
  public record Tries(int calls, int failures, long firstCallAtMs, long notBeforeMs) {
    static final Tries NONE = new Tries(0, 0, 0, 0);
  }

  /**
   * Why a search failed.
   *
   * @param withResult whether a FAILED result is written (not for bytes that are no request, nor
   *     for a second request with the id of one in progress: its result belongs to that one)
   */
  public record Failure(
      DeadLetterReason reason,
      String errorClass,
      String message,
      Integer httpStatus,
      boolean withResult) {}

  /** A decoded request, admitted. */
  static SearchState admitted(RecordSource source, long timestamp, PersonSearchRequest request) {
    return new SearchState(source, timestamp, request, null, Pages.NONE, Tries.NONE, null);
  }

  /** Bytes to decode once the registry answers. */
  static SearchState undecoded(RecordSource source, long timestamp, byte[] value) {
    return new SearchState(source, timestamp, null, value, Pages.NONE, Tries.NONE, null);
  }

  public long offset() {
    return source.offset();
  }

  /** The caller's request id, or null when the bytes were never decoded into a request. */
  public String requestId() {
    return request == null ? null : request.getRequestId();
  }

  public Step next() {
    if (request == null && failure == null) {
      return Step.DECODE;
    }
    if (pages.emitted() < pages.found()) {
      return Step.EMIT;
    }
    return failure != null || pages.done() ? Step.FINISH : Step.FETCH;
  }

  /** The page size to ask for: the rest of the limit, at most {@code pageSize}. */
  int pageLimit(int pageSize) {
    int limit = request.getLimit();
    // Out of range: sent as given, for the API's own 400 and message.
    return limit < 1 ? limit : Math.min(pageSize, limit - pages.returned());
  }

  /** The state once {@code page} is taken: its people stored at positions from {@code found}. */
  SearchState withPage(SearchOutcome.Page page) {
    int returned = pages.returned() + page.profiles();
    boolean done =
        page.nextCursor() == null
            || returned >= request.getLimit()
            // A page without profiles but with a cursor would be followed forever.
            || page.profiles() == 0;
    Double credits =
        page.creditsUsed() == null
            ? pages.credits()
            : (pages.credits() == null ? 0 : pages.credits()) + page.creditsUsed();
    Pages next =
        new Pages(
            page.nextCursor(),
            done,
            pages.count() + 1,
            returned,
            pages.found() + page.profileUrls().size(),
            pages.emitted(),
            pages.totalCount() != null ? pages.totalCount() : page.totalCount(),
            credits,
            page.httpStatus());
    return new SearchState(
        source, recordTimestamp, request, null, next, new Tries(tries.calls(), 0, 0, 0), null);
  }

  SearchState withEmitted(int emitted) {
    Pages next =
        new Pages(
            pages.cursor(),
            pages.done(),
            pages.count(),
            pages.returned(),
            pages.found(),
            emitted,
            pages.totalCount(),
            pages.credits(),
            pages.lastHttpStatus());
    return new SearchState(source, recordTimestamp, request, null, next, tries, failure);
  }

  SearchState withTries(Tries next) {
    return new SearchState(source, recordTimestamp, request, rawValue, pages, next, failure);
  }

  SearchState withStatus(Integer httpStatus) {
    Pages next =
        new Pages(
            pages.cursor(),
            pages.done(),
            pages.count(),
            pages.returned(),
            pages.found(),
            pages.emitted(),
            pages.totalCount(),
            pages.credits(),
            httpStatus == null ? pages.lastHttpStatus() : httpStatus);
    return new SearchState(source, recordTimestamp, request, rawValue, next, tries, failure);
  }

  SearchState decoded(PersonSearchRequest decoded) {
    return new SearchState(source, recordTimestamp, decoded, null, pages, tries, failure);
  }

  /** The state once failed; bytes that never decoded stay, for the dead letter. */
  SearchState failed(Failure why) {
    return new SearchState(
        source, recordTimestamp, request, request == null ? rawValue : null, pages, tries, why);
  }
}
