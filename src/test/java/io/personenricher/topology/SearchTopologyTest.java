package io.personenricher.topology;

import static io.personenricher.testutil.SearchDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.SearchOutcome;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.model.avro.SearchStatus;
import io.personenricher.quota.Demand;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.PermitBroker;
import io.personenricher.search.SearchRecords;
import io.personenricher.search.SearchSettings;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.FakeSearchClient;
import io.personenricher.testutil.SearchDriver;
import io.personenricher.testutil.TestDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The search state machine under the TopologyTestDriver: pages followed to the end or the limit,
 * every person found enriched once with the search's id and position, one result per request, bad
 * requests as dead letters with the API's message, retries and the quota's wait. A restart is in
 * SearchProcessorRestartTest: the driver wipes its state when closed.
 */
class SearchTopologyTest {

  private static final SearchSettings SETTINGS = SearchDriver.SETTINGS;

  private final FakeEnrichClient enrich = new FakeEnrichClient();
  private final List<SearchDriver> drivers = new ArrayList<>();

  @AfterEach
  void close() {
    drivers.forEach(SearchDriver::close);
  }

  private SearchDriver start(FakeSearchClient search) {
    SearchDriver driver = SearchDriver.start(enrich, search, SETTINGS);
    drivers.add(driver);
    return driver;
  }

  static PersonSearchRequest request(String id, int limit) {
    return PersonSearchRequest.newBuilder()
        .setRequestId(id)
        .setFilters(
            SearchFilter.newBuilder()
                .setField("experience.employment_details.current.title")
                .setType("(.)")
                .setValue("\"VP\"")
                .build())
        .setLimit(limit)
        .setMetadata(Map.of("campaign", "q3"))
        .build();
  }

  /** Lets the enrichment's batches go (linger) and the search's punctuations run. */
  private static void settle(SearchDriver driver) {
    for (int i = 0; i < 20; i++) {
      driver.advance(Duration.ofMillis(500));
    }
  }

  @Test
  void aSearchFollowsItsPagesToTheEndAndEveryPersonFoundIsEnrichedOnceWithItsIdAndPosition() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(7));
    SearchDriver driver = start(search);

    driver.send(request("r1", 20));
    settle(driver);

    assertThat(search.requests())
        .extracting(SearchPageRequest::cursor)
        .containsExactly(null, "3", "6");
    assertThat(search.permits()).extracting(Permit::endpoint).containsOnly(Endpoint.SEARCH);
    List<TestRecord<byte[], EnrichedPerson>> enriched = driver.enriched();
    assertThat(enriched).hasSize(7);
    for (TestRecord<byte[], EnrichedPerson> person : enriched) {
      Map<String, String> metadata = person.value().getInput().getMetadata();
      int position = Integer.parseInt(metadata.get(SearchRecords.POSITION));
      assertThat(key(person.key())).isEqualTo("search:r1:" + position);
      assertThat(metadata)
          .containsEntry(SearchRecords.REQUEST_ID, "r1")
          .containsEntry("campaign", "q3");
      assertThat(person.value().getInput().getIdentifier())
          .isEqualTo("https://www.linkedin.com/in/found-" + position);
    }
    assertThat(enriched)
        .extracting(r -> r.value().getInput().getMetadata().get(SearchRecords.POSITION))
        .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6");
    List<TestRecord<byte[], PersonSearchResult>> results = driver.results();
    assertThat(results).hasSize(1);
    PersonSearchResult result = results.get(0).value();
    assertThat(key(results.get(0).key())).isEqualTo("r1");
    assertThat(result.getStatus()).isEqualTo(SearchStatus.COMPLETED);
    assertThat(result.getPages()).isEqualTo(3);
    assertThat(result.getReturned()).isEqualTo(7);
    assertThat(result.getTotalCount()).isEqualTo(7L);
    assertThat(result.getProfileUrls()).isEqualTo(FakeSearchClient.peopleUrls(7));
    assertThat(result.getCreditsUsed()).isCloseTo(0.21, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(driver.deadLetters()).isEmpty();
  }

  @Test
  void aSearchStopsAtItsLimitAndAsksTheLastPageForNoMoreThanTheRest() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(50));
    SearchDriver driver = start(search);

    driver.send(request("r2", 5));
    settle(driver);

    assertThat(search.requests()).extracting(SearchPageRequest::limit).containsExactly(3, 2);
    assertThat(driver.enriched()).hasSize(5);
    PersonSearchResult result = driver.results().get(0).value();
    assertThat(result.getStatus()).isEqualTo(SearchStatus.COMPLETED);
    assertThat(result.getReturned()).isEqualTo(5);
    assertThat(result.getTotalCount()).isEqualTo(50L);
    assertThat(result.getProfileUrls()).hasSize(5);
  }

  @Test
  void aRequestTheApiRejectsEndsAsADeadLetterAndAFailedResultWithTheApisMessage() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(5));
    SearchDriver driver = start(search);

    driver.send(request("bad", 0));
    settle(driver);

    assertThat(search.requests()).hasSize(1);
    List<TestRecord<byte[], DeadLetter>> letters = driver.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value().getReason()).isEqualTo(DeadLetterReason.REJECTED_BY_API);
    assertThat(letters.get(0).value().getErrorMessage())
        .contains("bad")
        .contains("limit must be between 1 and 1000");
    assertThat(letters.get(0).value().getLastHttpStatus()).isEqualTo(400);
    PersonSearchResult result = driver.results().get(0).value();
    assertThat(result.getStatus()).isEqualTo(SearchStatus.FAILED);
    assertThat(result.getErrorMessage()).contains("limit must be between 1 and 1000");
    assertThat(result.getLastHttpStatus()).isEqualTo(400);
    assertThat(driver.enriched()).isEmpty();
  }

  @Test
  void aLimitAboveTheMaximumAndASecondRequestWithTheIdOfOneInProgressAreRefusedWithoutACall() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(5)).holding(true);
    SearchDriver driver = start(search);

    driver.send(request("huge", 101));
    driver.send(request("same", 5));
    driver.send(request("same", 5));
    driver.advance(Duration.ofMillis(100));

    assertThat(driver.deadLetters())
        .extracting(r -> r.value().getErrorClass())
        .containsExactly("limit_above_max", "duplicate_request_id");
    // The duplicate's result belongs to the search in progress: only the refused limit has one.
    assertThat(driver.results())
        .extracting(r -> r.value().getRequest().getRequestId())
        .containsExactly("huge");
    assertThat(search.requests()).hasSize(1);
  }

  @Test
  void aRetriableFailureIsRetriedAfterItsBackoffAndThenTheSearchCompletes() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(2));
    search.thenAnswer(
        r ->
            new SearchOutcome.Failed(
                new EnrichOutcome.Retriable(
                    EnrichOutcome.RetryReason.RATE_LIMITED, 429, "slow down", null)));
    SearchDriver driver = start(search);

    driver.send(request("r3", 10));
    driver.advance(Duration.ofMillis(100));
    assertThat(search.requests()).hasSize(1);

    settle(driver);

    assertThat(search.requests()).hasSize(2);
    assertThat(driver.enriched()).hasSize(2);
    assertThat(driver.results().get(0).value().getStatus()).isEqualTo(SearchStatus.COMPLETED);
  }

  @Test
  void retriesThatRunOutFailTheSearchButThePeopleFoundBeforeStaySent() {
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(6));
    SearchDriver driver = start(search);
    EnrichOutcome.Retriable down =
        new EnrichOutcome.Retriable(EnrichOutcome.RetryReason.SERVER_ERROR, 503, "down", null);
    search.thenAnswer(search::page);
    for (int i = 0; i < SETTINGS.maxAttempts(); i++) {
      search.thenAnswer(r -> new SearchOutcome.Failed(down));
    }

    driver.send(request("r4", 6));
    for (int i = 0; i < 10; i++) {
      settle(driver);
    }

    assertThat(search.requests()).hasSize(1 + SETTINGS.maxAttempts());
    assertThat(driver.enriched()).hasSize(3);
    PersonSearchResult result = driver.results().get(0).value();
    assertThat(result.getStatus()).isEqualTo(SearchStatus.FAILED);
    assertThat(result.getErrorClass()).isEqualTo("server_error");
    assertThat(result.getProfileUrls()).hasSize(3);
    assertThat(driver.deadLetters().get(0).value().getReason())
        .isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
  }

  @Test
  void noPageIsFetchedUntilTheQuotaGrantsASearchPermit() {
    AtomicBoolean open = new AtomicBoolean(false);
    List<Demand> offered = new ArrayList<>();
    PermitBroker gate =
        new PermitBroker() {
          @Override
          public Optional<Permit> offer(
              Endpoint endpoint, String taskId, Demand demand, long nowMs) {
            if (endpoint == Endpoint.SEARCH) {
              offered.add(demand);
              if (!open.get()) {
                return Optional.empty();
              }
            }
            return PermitBroker.UNLIMITED.offer(endpoint, taskId, demand, nowMs);
          }

          @Override
          public void withdraw(String taskId) {}
        };
    FakeSearchClient search = new FakeSearchClient(FakeSearchClient.peopleUrls(2));
    SearchDriver driver =
        new SearchDriver(
            enrich,
            search,
            SETTINGS,
            gate,
            "search-quota-" + java.util.UUID.randomUUID(),
            TestDirs.newTempDir("ttd-search"),
            true);
    drivers.add(driver);

    driver.send(request("r5", 10));
    settle(driver);
    assertThat(search.requests()).isEmpty();
    assertThat(offered).anyMatch(d -> d.fullBatches() == 1);

    open.set(true);
    settle(driver);

    assertThat(search.requests()).hasSize(1);
    assertThat(driver.enriched()).hasSize(2);
    assertThat(offered.get(offered.size() - 1).isEmpty()).isTrue();
  }
}
