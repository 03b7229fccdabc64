package io.personenricher.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.SearchPageRequest;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.quota.PermitBroker;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.testutil.FakeSearchClient;
import io.personenricher.testutil.SearchDriver;
import io.personenricher.testutil.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new owner of a search task resumes from the stores as the last owner left them (the changelog
 * restores exactly that): the pages already followed are not fetched again and the people already
 * forwarded are not forwarded again; the page that was on the wire is asked for again.
 */
class SearchProcessorRestartTest {

  private static final SearchSettings SETTINGS = SearchDriver.SETTINGS;

  private final String scope = "search-restart-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
  private final Serde<PersonSearchRequest> requests =
      AvroSerdes.specific(PersonSearchRequest.class, config);
  private final KeyValueStore<Bytes, byte[]> states = TestStores.inMemory(SearchStores.REQUESTS);
  private final KeyValueStore<Bytes, byte[]> found = TestStores.inMemory(SearchStores.FOUND);

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  /** A processor on the shared stores, as an owner of the task whose stores were restored. */
  private Owner owner(FakeSearchClient client) {
    MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    context.addStateStore(states);
    context.addStateStore(found);
    SearchEncoder encoder =
        new SearchEncoder(
            "person.identifiers",
            "person.search.results",
            "person.enrich.dlq",
            AvroSerdes.specific(IdentifierEvent.class, config).serializer(),
            AvroSerdes.specific(PersonSearchResult.class, config).serializer(),
            AvroSerdes.specific(DeadLetter.class, config).serializer(),
            OutputLimits.defaults());
    SearchProcessor processor =
        new SearchProcessor(
            new SearchIntake(requests.deserializer(), SETTINGS),
            client,
            PermitBroker.UNLIMITED,
            SETTINGS,
            EnricherMetrics.NOOP,
            new SearchNodes("people", "result", "dead-letter"),
            encoder,
            new SplittableRandom(1));
    processor.init(context);
    return new Owner(context, processor);
  }

  private record Owner(MockProcessorContext<byte[], byte[]> context, SearchProcessor processor) {

    void punctuate(int times) {
      for (int i = 0; i < times; i++) {
        context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + 100);
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(0));
      }
    }

    List<String> forwarded(String child) {
      List<String> keys = new ArrayList<>();
      for (var forward : context.forwarded()) {
        if (forward.childName().orElse("").equals(child)) {
          keys.add(new String(forward.record().key(), StandardCharsets.UTF_8));
        }
      }
      return keys;
    }
  }

  @Test
  void aNewOwnerAsksOnlyForThePagesNotCommittedAndForwardsOnlyThePeopleNotForwarded() {
    List<String> people = FakeSearchClient.peopleUrls(8);
    FakeSearchClient before = new FakeSearchClient(people);
    // The first page is answered; the second is on the wire when the owner goes.
    before.thenAnswer(
        r -> {
          before.holding(true);
          return before.page(r);
        });
    Owner first = owner(before);
    PersonSearchRequest request =
        PersonSearchRequest.newBuilder()
            .setRequestId("r6")
            .setFilters(
                SearchFilter.newBuilder()
                    .setField("basic_profile.name")
                    .setType("=")
                    .setValue("x")
                    .build())
            .setLimit(8)
            .build();
    first.context().setRecordMetadata("person.search.requests", 0, 42L);
    first.context().setCurrentSystemTimeMs(1_000);
    first
        .processor()
        .process(
            new Record<>(
                "r6".getBytes(StandardCharsets.UTF_8),
                requests.serializer().serialize("person.search.requests", request),
                1_000L));
    first.punctuate(5);
    assertThat(before.requests()).extracting(SearchPageRequest::cursor).containsExactly(null, "3");
    assertThat(first.forwarded("people"))
        .containsExactly("search:r6:0", "search:r6:1", "search:r6:2");
    first.processor().close();
    before.releaseHeld(); // a late answer, after the owner left: dropped

    FakeSearchClient after = new FakeSearchClient(people);
    Owner second = owner(after);
    second.context().setCurrentSystemTimeMs(5_000);
    second.punctuate(5);

    assertThat(after.requests()).extracting(SearchPageRequest::cursor).containsExactly("3", "6");
    assertThat(second.forwarded("people"))
        .containsExactly("search:r6:3", "search:r6:4", "search:r6:5", "search:r6:6", "search:r6:7");
    assertThat(second.forwarded("result")).containsExactly("r6");
    assertThat(states.approximateNumEntries()).isZero();
    assertThat(found.approximateNumEntries()).isZero();
  }
}
