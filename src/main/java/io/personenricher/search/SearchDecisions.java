package io.personenricher.search;

import io.personenricher.batching.Backoff;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.SearchOutcome;
import io.personenricher.model.avro.DeadLetterReason;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a page call came to for its search, as a function of the state, the outcome and the clock
 * (and the retry jitter): a page taken (its people stored, the cursor moved on), a retry after
 * backoff (never before the server's reset; only calls that reached the API count as attempts), a
 * halt (the search waits, nothing fails), or a failure with its reason: a 400 with the API's own
 * message, or retries run out.
 *
 * <p>Threading notes: stream thread only (the random generator is not shared).
 */
final class SearchDecisions {

  /** What to do with a search once its page call came back. */
  sealed interface Decision {

    SearchState state();

    /**
     * The page is taken; {@code urls} are its people, to store at positions from the found count
     * before it.
     */
    record PageTaken(SearchState state, List<String> urls) implements Decision {}

    /** Call again no earlier than the state's {@code notBeforeMs}. */
    record Retry(SearchState state, String reasonCode) implements Decision {}

    /** The search client is halted (401, 402, 403): the search waits, nothing fails. */
    record Halted(SearchState state, EnrichOutcome.Fatal fatal) implements Decision {}

    /** The search failed; its failure says why. */
    record Failed(SearchState state) implements Decision {}
  }

  private final SearchSettings settings;
  private final RandomGenerator random;

  SearchDecisions(SearchSettings settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  Decision decide(SearchState state, SearchOutcome outcome, long sentAtMs, long nowMs) {
    if (outcome instanceof SearchOutcome.Page page) {
      int room = Math.max(0, state.request().getLimit() - state.pages().found());
      List<String> urls =
          page.profileUrls().size() > room
              ? page.profileUrls().subList(0, room)
              : page.profileUrls();
      SearchState called = called(state, sentAtMs);
      return new Decision.PageTaken(called.withPage(page), List.copyOf(urls));
    }
    EnrichOutcome failure = ((SearchOutcome.Failed) outcome).failure();
    // A timeout or a lost connection left without a status but may have reached the API: it
    // counts, so the attempts and the deadline bound it. Only a call the client never sent is free.
    boolean sent =
        !(failure instanceof EnrichOutcome.Retriable r
            && r.reason() == EnrichOutcome.RetryReason.NOT_SENT);
    SearchState called = (sent ? called(state, sentAtMs) : state).withStatus(failure.httpStatus());
    if (failure instanceof EnrichOutcome.Rejected rejected) {
      String errorClass = rejected.errorType() == null ? "invalid_request" : rejected.errorType();
      return new Decision.Failed(
          called.failed(
              new SearchState.Failure(
                  DeadLetterReason.REJECTED_BY_API,
                  errorClass,
                  "the API rejected the search: " + rejected.message(),
                  rejected.httpStatus(),
                  true)));
    }
    if (failure instanceof EnrichOutcome.Fatal fatal) {
      SearchState.Tries t = called.tries();
      long recheck = nowMs + settings.initialBackoff().toMillis();
      return new Decision.Halted(
          called.withTries(
              new SearchState.Tries(t.calls(), t.failures(), t.firstCallAtMs(), recheck)),
          fatal);
    }
    EnrichOutcome.Retriable retriable = (EnrichOutcome.Retriable) failure;
    SearchState.Tries t = called.tries();
    if (!sent) {
      // Not sent at all (the client's queue was full, or it is closing): just try again shortly.
      return new Decision.Retry(
          called.withTries(
              new SearchState.Tries(
                  t.calls(), t.failures(), t.firstCallAtMs(), nowMs + backoffMs(1))),
          retriable.reason().code());
    }
    int failures = t.failures() + 1;
    boolean exhausted =
        failures >= settings.maxAttempts()
            || (t.firstCallAtMs() > 0
                && nowMs - t.firstCallAtMs() >= settings.retryDeadline().toMillis());
    if (exhausted) {
      return new Decision.Failed(
          called.failed(
              new SearchState.Failure(
                  DeadLetterReason.RETRIES_EXHAUSTED,
                  retriable.reason().code(),
                  "gave up on page "
                      + (called.pages().count() + 1)
                      + " after "
                      + failures
                      + " retriable failures: "
                      + retriable.message(),
                  retriable.httpStatus(),
                  true)));
    }
    long notBefore = nowMs + backoffMs(failures);
    if (retriable.notBefore() != null) {
      notBefore = Math.max(notBefore, retriable.notBefore().toEpochMilli());
    }
    return new Decision.Retry(
        called.withTries(new SearchState.Tries(t.calls(), failures, t.firstCallAtMs(), notBefore)),
        retriable.reason().code());
  }

  private long backoffMs(int failures) {
    return Backoff.delayMs(
        settings.initialBackoff().toMillis(), settings.maxBackoff().toMillis(), failures, random);
  }

  /** The history after one more call that reached the API, sent at {@code sentAtMs}. */
  private static SearchState called(SearchState state, long sentAtMs) {
    SearchState.Tries t = state.tries();
    return state.withTries(
        new SearchState.Tries(
            t.calls() + 1,
            t.failures(),
            t.firstCallAtMs() == 0 ? sentAtMs : t.firstCallAtMs(),
            t.notBeforeMs()));
  }
}
