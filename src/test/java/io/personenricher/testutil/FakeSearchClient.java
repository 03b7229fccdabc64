package io.personenricher.testutil;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.HaltReason;
import io.personenricher.client.SearchClient;
import io.personenricher.client.SearchOutcome;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.quota.Permit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A Person Search in memory: every search finds the same people ({@link #people}), a page at a time
 * from the cursor (the offset as text); outcomes can be scripted or held for the test to deliver.
 * Records every request and permit.
 *
 * <p>Threading notes: the TopologyTestDriver's thread and the test thread; every method is
 * synchronized.
 */
public final class FakeSearchClient implements SearchClient {

  private final List<String> people;
  private final List<SearchPageRequest> requests = new ArrayList<>();
  private final List<Permit> permits = new ArrayList<>();
  private final Deque<Function<SearchPageRequest, SearchOutcome>> scripted = new ArrayDeque<>();
  private final List<CompletableFuture<SearchOutcome>> held = new ArrayList<>();
  private boolean hold;
  private HaltReason halted;

  public FakeSearchClient(List<String> people) {
    this.people = List.copyOf(people);
  }

  /** {@code count} people with profile URLs {@code https://www.linkedin.com/in/found-<i>}. */
  public static List<String> peopleUrls(int count) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      urls.add("https://www.linkedin.com/in/found-" + i);
    }
    return urls;
  }

  @Override
  public synchronized CompletionStage<SearchOutcome> search(
      SearchPageRequest request, Permit permit) {
    requests.add(request);
    permits.add(permit);
    if (hold) {
      CompletableFuture<SearchOutcome> future = new CompletableFuture<>();
      held.add(future);
      return future;
    }
    Function<SearchPageRequest, SearchOutcome> next =
        scripted.isEmpty() ? this::page : scripted.poll();
    return CompletableFuture.completedFuture(next.apply(request));
  }

  /** The page the request asks for, as the API would answer it. */
  public synchronized SearchOutcome page(SearchPageRequest request) {
    if (request.limit() < 1) {
      return new SearchOutcome.Failed(
          new EnrichOutcome.Rejected(400, "invalid_request", "limit must be between 1 and 1000"));
    }
    int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
    int to = Math.min(people.size(), from + request.limit());
    String next = to < people.size() ? Integer.toString(to) : null;
    return new SearchOutcome.Page(
        people.subList(from, to), to - from, next, (long) people.size(), 0.03 * (to - from), 200);
  }

  /** The next calls get these outcomes, in order, before pages resume. */
  public synchronized FakeSearchClient thenAnswer(Function<SearchPageRequest, SearchOutcome> o) {
    scripted.add(o);
    return this;
  }

  /** Calls wait for {@link #releaseHeld} (true), or are answered at once (false). */
  public synchronized FakeSearchClient holding(boolean holding) {
    this.hold = holding;
    return this;
  }

  /** Answers the held calls as pages. */
  public void releaseHeld() {
    List<CompletableFuture<SearchOutcome>> release;
    List<SearchPageRequest> asked;
    synchronized (this) {
      release = new ArrayList<>(held);
      asked = new ArrayList<>(requests.subList(requests.size() - held.size(), requests.size()));
      held.clear();
    }
    for (int i = 0; i < release.size(); i++) {
      release.get(i).complete(page(asked.get(i)));
    }
  }

  public synchronized int heldCount() {
    return held.size();
  }

  public synchronized FakeSearchClient halted(HaltReason reason) {
    this.halted = reason;
    return this;
  }

  public synchronized List<SearchPageRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<Permit> permits() {
    return List.copyOf(permits);
  }

  @Override
  public synchronized Duration delayUntilNextPermit() {
    return halted == null ? Duration.ZERO : Duration.ofSeconds(1);
  }

  @Override
  public synchronized Optional<HaltReason> haltReason() {
    return Optional.ofNullable(halted);
  }

  @Override
  public void close() {}
}
