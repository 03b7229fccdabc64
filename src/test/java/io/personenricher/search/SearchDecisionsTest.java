package io.personenricher.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.client.SearchOutcome;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.routing.RecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a page call comes to for its search, table by table: pages, limits, retries, failures. */
class SearchDecisionsTest {

  private static final SearchSettings SETTINGS =
      new SearchSettings(
          10,
          100,
          2,
          10,
          3,
          Duration.ofSeconds(1),
          Duration.ofSeconds(8),
          Duration.ofMinutes(1),
          Duration.ofMillis(50));

  private final SearchDecisions decisions = new SearchDecisions(SETTINGS, new SplittableRandom(7));

  private static SearchState search(int limit) {
    PersonSearchRequest request =
        PersonSearchRequest.newBuilder()
            .setRequestId("r")
            .setFilters(SearchFilter.newBuilder().setField("f").setType("=").setValue("1").build())
            .setLimit(limit)
            .build();
    return SearchState.admitted(new RecordSource("t", 0, 5, null), 0, request);
  }

  private static SearchOutcome.Page page(int from, int count, String next) {
    List<String> urls =
        java.util.stream.IntStream.range(from, from + count).mapToObj(i -> "u" + i).toList();
    return new SearchOutcome.Page(urls, count, next, 1_000L, 0.03 * count, 200);
  }

  private static SearchOutcome failed(EnrichOutcome failure) {
    return new SearchOutcome.Failed(failure);
  }

  @Test
  void aPageMovesTheCursorOnAndStoresItsPeopleUntilTheLastPageOrTheLimit() {
    record Row(int limit, int returned, String next, boolean done) {}
    for (Row row :
        List.of(
            new Row(25, 10, "c1", false), // more to come
            new Row(25, 10, null, true), // the API's last page
            new Row(10, 10, "c1", true), // the limit reached
            new Row(25, 0, "c1", true))) { // an empty page with a cursor would loop
      SearchDecisions.Decision decision =
          decisions.decide(search(row.limit()), page(0, row.returned(), row.next()), 1, 2);
      assertThat(decision).as("%s", row).isInstanceOf(SearchDecisions.Decision.PageTaken.class);
      SearchState.Pages pages = decision.state().pages();
      assertThat(pages.done()).as("%s", row).isEqualTo(row.done());
      assertThat(pages.cursor()).isEqualTo(row.next());
      assertThat(pages.found()).isEqualTo(row.returned());
      assertThat(pages.count()).isEqualTo(1);
      assertThat(decision.state().tries().calls()).isEqualTo(1);
    }
  }

  @Test
  void theLastPageAsksForNoMoreThanTheRestOfTheLimitAndKeepsNoMoreThanIt() {
    SearchState state = decisions.decide(search(15), page(0, 10, "c1"), 1, 2).state();
    assertThat(state.pageLimit(SETTINGS.pageSize())).isEqualTo(5);
    // An API that returns more than asked: only the limit's worth is kept.
    SearchDecisions.Decision last = decisions.decide(state, page(10, 8, "c2"), 3, 4);
    assertThat(((SearchDecisions.Decision.PageTaken) last).urls()).hasSize(5);
    assertThat(last.state().pages().done()).isTrue();
  }

  @Test
  void aRejectionFailsTheSearchWithTheApisMessageAndStatus() {
    SearchDecisions.Decision decision =
        decisions.decide(
            search(10),
            failed(new EnrichOutcome.Rejected(400, "invalid_request", "Unsupported operator: 'x'")),
            1,
            2);
    assertThat(decision).isInstanceOf(SearchDecisions.Decision.Failed.class);
    SearchState.Failure failure = decision.state().failure();
    assertThat(failure.reason()).isEqualTo(DeadLetterReason.REJECTED_BY_API);
    assertThat(failure.message()).contains("Unsupported operator: 'x'");
    assertThat(failure.httpStatus()).isEqualTo(400);
    assertThat(failure.withResult()).isTrue();
  }

  @Test
  void retriableFailuresBackOffHonourTheServersResetAndRunOutAfterMaxAttempts() {
    SearchState state = search(10);
    long now = 10_000;
    Instant reset = Instant.ofEpochMilli(now + 30_000);
    EnrichOutcome.Retriable limited =
        new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.RATE_LIMITED, 429, "slow", reset);
    SearchDecisions.Decision first = decisions.decide(state, failed(limited), now, now);
    assertThat(first).isInstanceOf(SearchDecisions.Decision.Retry.class);
    assertThat(first.state().tries().notBeforeMs()).isGreaterThanOrEqualTo(reset.toEpochMilli());
    assertThat(first.state().tries().failures()).isEqualTo(1);

    EnrichOutcome.Retriable down =
        new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.SERVER_ERROR, 503, "down", null);
    SearchDecisions.Decision second = decisions.decide(first.state(), failed(down), now, now);
    long wait = second.state().tries().notBeforeMs() - now;
    assertThat(wait).isBetween(1_000L, 2_000L); // 2 s base, half of it fixed
    SearchDecisions.Decision third = decisions.decide(second.state(), failed(down), now, now);
    assertThat(third).isInstanceOf(SearchDecisions.Decision.Failed.class);
    assertThat(third.state().failure().reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThat(third.state().failure().errorClass()).isEqualTo("server_error");
    assertThat(third.state().tries().calls()).isEqualTo(3);
  }

  @Test
  void aCallThatNeverReachedTheApiIsTriedAgainWithoutCountingAsAnAttempt() {
    EnrichOutcome.Retriable unsent =
        new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.NOT_SENT, null, "full", null);
    SearchDecisions.Decision decision = decisions.decide(search(10), failed(unsent), 1, 100);
    assertThat(decision).isInstanceOf(SearchDecisions.Decision.Retry.class);
    assertThat(decision.state().tries().failures()).isZero();
    assertThat(decision.state().tries().calls()).isZero();
  }

  @Test
  void timeoutsWithoutAStatusCountAsAttemptsSoTheyCannotRetryForever() {
    EnrichOutcome.Retriable timeout =
        new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.TIMEOUT, null, "timed out", null);
    SearchState state = search(10);
    for (int i = 1; i < SETTINGS.maxAttempts(); i++) {
      SearchDecisions.Decision retry = decisions.decide(state, failed(timeout), 1, 100);
      assertThat(retry).isInstanceOf(SearchDecisions.Decision.Retry.class);
      state = retry.state();
      assertThat(state.tries().failures()).isEqualTo(i);
    }
    assertThat(decisions.decide(state, failed(timeout), 1, 100))
        .isInstanceOf(SearchDecisions.Decision.Failed.class);
  }

  @Test
  void aHaltLeavesTheSearchWaitingWithoutFailingIt() {
    SearchDecisions.Decision decision =
        decisions.decide(
            search(10),
            failed(new EnrichOutcome.Fatal(HaltReason.OUT_OF_CREDITS, 402, "no credits")),
            1,
            100);
    assertThat(decision).isInstanceOf(SearchDecisions.Decision.Halted.class);
    assertThat(decision.state().failure()).isNull();
    assertThat(decision.state().next()).isEqualTo(SearchState.Step.FETCH);
    assertThat(decision.state().tries().notBeforeMs()).isEqualTo(1_100);
  }
}
