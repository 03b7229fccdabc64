package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.client.ClientSettings;
import io.personenricher.client.EnrichClient;
import io.personenricher.client.EnrichClients;
import io.personenricher.client.HaltReason;
import io.personenricher.client.SearchClient;
import io.personenricher.client.SearchOutcome;
import io.personenricher.client.SearchPageRequest;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.client.VertxSearchClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.model.avro.SearchSort;
import io.personenricher.model.avro.SearchStatus;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaFeedback;
import io.personenricher.search.SearchRecords;
import io.personenricher.search.SearchSettings;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatedEndpoint;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.EnricherInstance;
import io.personenricher.testutil.OutputLedger;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestConsumers;
import io.personenricher.testutil.TestProducers;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search then Enrich and the live enrich fallback on a real broker, a real schema registry and the
 * API simulator over HTTP: a search fans out into exactly one output per person found and one
 * result, also across a crash mid-pagination that another instance resumes without fetching the
 * committed pages again; live enrich finds what the index lacks, and a 403 there turns it off
 * without halting enrichment.
 */
@WithKafkaInfra
class SearchThenEnrichIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final int PAGE = 10;
  private static final int LIMIT = 60;
  private static final SearchSettings SEARCH =
      new SearchSettings(
          PAGE,
          1_000,
          1,
          10,
          5,
          Duration.ofMillis(200),
          Duration.ofSeconds(2),
          Duration.ofMinutes(2),
          Duration.ofMillis(20));

  private final Broker broker;
  private final SchemaRegistry registry;
  private Vertx vertx;
  private CrustdataSimulator simulator;
  private TopicNames topics;
  private String requestsTopic;
  private String resultsTopic;

  SearchThenEnrichIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  @BeforeEach
  void startSimulatorAndTopics() {
    vertx = Vertx.vertx();
    topics = Topics.createEnricherTopics(broker, 2, "search");
    List<String> search = Topics.createUnique(broker, 2, "search-requests", "search-results");
    requestsTopic = search.get(0);
    resultsTopic = search.get(1);
  }

  private void startSimulator(boolean liveEntitled) {
    simulator =
        new CrustdataSimulator(
            vertx,
            SimulatorSettings.defaults()
                .withRateLimit(1_000_000, Duration.ofSeconds(60))
                .withEndpointRateLimit(SimulatedEndpoint.SEARCH, 1_000_000)
                .withEndpointRateLimit(SimulatedEndpoint.LIVE_ENRICH, 1_000_000)
                .withEndpointLatency(
                    SimulatedEndpoint.SEARCH, LatencyModel.fixed(Duration.ofMillis(100)))
                .withEndpointLatency(
                    SimulatedEndpoint.LIVE_ENRICH, LatencyModel.fixed(Duration.ofMillis(50)))
                .withNotIndexedFraction(0.2)
                .withEntitlement(SimulatedEndpoint.LIVE_ENRICH, liveEntitled));
    simulator.start();
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    vertx.close().await();
  }

  private ClientSettings clientSettings() {
    return ClientSettings.defaults(
        URI.create(simulator.baseUrl()), SimulatorSettings.DEFAULT_API_KEY);
  }

  private VertxEnrichClient enrichClient(String name) {
    return new VertxEnrichClient(
        name,
        vertx,
        clientSettings(),
        EnricherMetrics.NOOP,
        QuotaFeedback.IGNORE,
        Clock.systemUTC());
  }

  private SearchWiring wiring(SearchClient client) {
    Map<String, Object> serdeConfig = registry.serdeConfig();
    return new SearchWiring(
        requestsTopic,
        resultsTopic,
        AvroSerdes.specific(PersonSearchRequest.class, serdeConfig),
        AvroSerdes.specific(PersonSearchResult.class, serdeConfig),
        client,
        SEARCH);
  }

  private EnricherInstance instance(String app, EnrichClient enrich, SearchClient search) {
    return new EnricherInstance(
        broker,
        registry,
        app,
        topics,
        BatchSettings.defaults(),
        enrich,
        1,
        LiveFallback.off(),
        Optional.of(wiring(search)));
  }

  private void sendSearch(String id, int limit) {
    PersonSearchRequest request =
        PersonSearchRequest.newBuilder()
            .setRequestId(id)
            .setFilters(
                SearchFilter.newBuilder()
                    .setField("basic_profile.name")
                    .setType("(.)")
                    .setValue("\"a|e|i|o|u\"")
                    .build())
            .setLimit(limit)
            .setSorts(List.of(new SearchSort("basic_profile.name", "asc")))
            .build();
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(PersonSearchRequest.class, registry.serdeConfig()).serializer(),
        List.of(new ProducerRecord<>(requestsTopic, id, request)));
  }

  private List<PersonSearchResult> results(int atLeast, Duration within) {
    List<ConsumerRecord<String, PersonSearchResult>> records =
        TestConsumers.readFor(
            broker,
            new StringDeserializer(),
            AvroSerdes.specific(PersonSearchResult.class, registry.serdeConfig()).deserializer(),
            atLeast + 1,
            within,
            resultsTopic);
    return records.stream().map(ConsumerRecord::value).toList();
  }

  private static void assertOnePersonPerPosition(OutputLedger ledger, String id, int count) {
    assertThat(ledger.duplicates()).as("keys with more than one output").isEmpty();
    Set<String> expected = new HashSet<>();
    IntStream.range(0, count).forEach(i -> expected.add(SearchRecords.personKey(id, i)));
    assertThat(ledger.byKey().keySet()).isEqualTo(expected);
    for (String key : expected) {
      EnrichedPerson person = (EnrichedPerson) ledger.byKey().get(key).get(0).value();
      Map<String, String> metadata = person.getInput().getMetadata();
      assertThat(metadata).containsEntry(SearchRecords.REQUEST_ID, id);
      assertThat(
              SearchRecords.personKey(id, Integer.parseInt(metadata.get(SearchRecords.POSITION))))
          .isEqualTo(key);
    }
  }

  @Test
  void aSearchFansOutIntoExactlyOneEnrichedPersonPerProfileFoundAndOneResult() {
    startSimulator(true);
    RecordingSearchClient search = new RecordingSearchClient(searchClient(), Integer.MAX_VALUE);
    try (EnrichClient enrich = enrichClient("enrich");
        EnricherInstance instance = instance(Topics.unique("app"), enrich, search).start();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      sendSearch("s1", LIMIT);
      ledger.awaitKeys(LIMIT, DEADLINE);
      List<PersonSearchResult> results = results(1, Duration.ofSeconds(5));
      instance.close();
      ledger.readToEnd();

      assertOnePersonPerPosition(ledger, "s1", LIMIT);
      assertThat(results).hasSize(1);
      PersonSearchResult result = results.get(0);
      assertThat(result.getStatus()).isEqualTo(SearchStatus.COMPLETED);
      assertThat(result.getPages()).isEqualTo(LIMIT / PAGE);
      assertThat(result.getProfileUrls()).hasSize(LIMIT).doesNotHaveDuplicates();
      assertThat(result.getCreditsUsed()).isPositive();
      assertThat(search.cursors()).hasSize(LIMIT / PAGE);
      for (int i = 0; i < LIMIT; i++) {
        EnrichedPerson person =
            (EnrichedPerson) ledger.byKey().get(SearchRecords.personKey("s1", i)).get(0).value();
        assertThat(person.getInput().getIdentifier()).isEqualTo(result.getProfileUrls().get(i));
      }
      assertThat(simulator.stats().endpoint(SimulatedEndpoint.ENRICH).largestBatch())
          .isLessThanOrEqualTo(25);
    }
  }

  @Test
  void aCrashMidPaginationIsResumedByAnotherInstanceWithoutRepayingCommittedPagesOrDuplicates() {
    startSimulator(true);
    String app = Topics.unique("app");
    try (EnrichClient enrich = enrichClient("enrich");
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      RecordingSearchClient crashing = new RecordingSearchClient(searchClient(), 3);
      EnricherInstance first = instance(app, enrich, crashing).start();
      sendSearch("s2", LIMIT);
      Throwable crash = first.awaitCrash(DEADLINE);
      assertThat(crash).hasStackTraceContaining("injected crash");
      first.close();
      int outputsAtCrash = ledger.readToEnd().byKey().size();
      assertThat(outputsAtCrash).isLessThan(LIMIT);

      RecordingSearchClient resumed = new RecordingSearchClient(searchClient(), Integer.MAX_VALUE);
      try (EnricherInstance second = instance(app, enrich, resumed).start()) {
        ledger.awaitKeys(LIMIT, DEADLINE);
        List<PersonSearchResult> results = results(1, Duration.ofSeconds(5));
        second.close();
        ledger.readToEnd();

        assertOnePersonPerPosition(ledger, "s2", LIMIT);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).getStatus()).isEqualTo(SearchStatus.COMPLETED);
        assertThat(results.get(0).getProfileUrls()).hasSize(LIMIT).doesNotHaveDuplicates();
      }
      // The first instance's committed pages are not asked for again: the second starts at a
      // cursor, and together they call at most the pages plus the one on the wire at the crash.
      assertThat(crashing.cursors()).hasSize(3);
      assertThat(resumed.cursors().get(0))
          .as("the second instance resumes at a cursor")
          .isNotNull();
      assertThat(crashing.cursors().size() + resumed.cursors().size())
          .isLessThanOrEqualTo(LIMIT / PAGE + 1);
    }
  }

  private SearchClient searchClient() {
    return new VertxSearchClient(
        vertx, clientSettings(), EnricherMetrics.NOOP, QuotaFeedback.IGNORE, Clock.systemUTC());
  }

  private List<ProducerRecord<String, IdentifierEvent>> profileEvents(List<String> urls) {
    List<ProducerRecord<String, IdentifierEvent>> records = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      records.add(
          new ProducerRecord<>(
              topics.input(),
              "p" + i,
              IdentifierEvent.newBuilder()
                  .setIdentifierType(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL)
                  .setIdentifier(urls.get(i))
                  .setEventTime(Instant.now())
                  .build()));
    }
    return records;
  }

  /** Sends the URLs as events p0.., waits for an output each, stops the instance, reads all. */
  private void sendAndDrain(List<String> urls, EnricherInstance instance, OutputLedger ledger) {
    TestProducers.send(
        broker,
        new StringSerializer(),
        AvroSerdes.specific(IdentifierEvent.class, registry.serdeConfig()).serializer(),
        profileEvents(urls));
    ledger.awaitKeys(urls.size(), DEADLINE);
    instance.close();
    ledger.readToEnd();
  }

  /** Four profiles the index has and four only live enrich finds, as input events p0..p7. */
  private List<String> indexedAndFresh() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; urls.size() < 4; i++) {
      if (simulator.people().isIndexed(i)) {
        urls.add(simulator.people().profileUrlOf(i));
      }
    }
    for (int n = 0; n < 4; n++) {
      urls.add(simulator.people().notIndexedProfileUrlOf(n));
    }
    return urls;
  }

  private EnricherInstance liveInstance(EnrichClient client, LiveFallback live) {
    return new EnricherInstance(
        broker,
        registry,
        Topics.unique("app"),
        topics,
        BatchSettings.defaults(),
        client,
        1,
        live,
        Optional.empty());
  }

  @Test
  void withTheFallbackOnLiveEnrichFindsWhatTheIndexLacksAndMarksItLive() {
    startSimulator(true);
    List<String> urls = indexedAndFresh();
    try (EnrichClient client = new EnrichClients(enrichClient("enrich"), enrichClient("live"));
        EnricherInstance instance =
            liveInstance(client, LiveFallback.of(true, EnricherMetrics.NOOP)).start();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      sendAndDrain(urls, instance, ledger);

      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.enriched())).hasSize(8);
      for (int i = 0; i < 8; i++) {
        EnrichedPerson person = (EnrichedPerson) ledger.byKey().get("p" + i).get(0).value();
        assertThat(person.getSource())
            .isEqualTo(i < 4 ? EnrichmentSource.INDEX : EnrichmentSource.LIVE);
      }
      assertThat(simulator.stats().endpoint(SimulatedEndpoint.LIVE_ENRICH).requests()).isPositive();
    }
  }

  @Test
  void aKeyNotEntitledToLiveEnrichTurnsTheFallbackOffAndEnrichmentCarriesOn() {
    startSimulator(false);
    List<String> urls = indexedAndFresh();
    LiveFallback live = LiveFallback.of(true, EnricherMetrics.NOOP);
    VertxEnrichClient main = enrichClient("enrich");
    try (EnrichClient client = new EnrichClients(main, enrichClient("live"));
        EnricherInstance instance = liveInstance(client, live).start();
        OutputLedger ledger = new OutputLedger(broker, registry, topics)) {
      sendAndDrain(urls, instance, ledger);

      assertThat(ledger.duplicates()).isEmpty();
      assertThat(ledger.keysOn(topics.enriched()))
          .containsExactlyInAnyOrder("p0", "p1", "p2", "p3");
      assertThat(ledger.keysOn(topics.unmatched()))
          .containsExactlyInAnyOrder("p4", "p5", "p6", "p7");
      assertThat(live.active()).isFalse();
      assertThat(main.haltReason()).as("enrichment is not halted").isEmpty();
      assertThat(simulator.stats().endpoint(SimulatedEndpoint.LIVE_ENRICH).count(403)).isPositive();
    }
  }

  /**
   * Records the cursor of every page it passes on; the call after {@code crashAfter} throws on the
   * stream thread, as a process that dies mid-pagination.
   */
  private static final class RecordingSearchClient implements SearchClient {
    private final SearchClient delegate;
    private final int crashAfter;
    private final List<String> cursors = Collections.synchronizedList(new ArrayList<>());

    RecordingSearchClient(SearchClient delegate, int crashAfter) {
      this.delegate = delegate;
      this.crashAfter = crashAfter;
    }

    @Override
    public CompletionStage<SearchOutcome> search(SearchPageRequest request, Permit permit) {
      if (cursors.size() >= crashAfter) {
        throw new IllegalStateException("injected crash before page " + (cursors.size() + 1));
      }
      cursors.add(request.cursor());
      return delegate.search(request, permit);
    }

    List<String> cursors() {
      return new ArrayList<>(cursors);
    }

    @Override
    public Duration delayUntilNextPermit() {
      return delegate.delayUntilNextPermit();
    }

    @Override
    public Optional<HaltReason> haltReason() {
      return delegate.haltReason();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
