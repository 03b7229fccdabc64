package io.personenricher.topology;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.PermitBroker;
import io.personenricher.routing.OutputLimits;
import io.personenricher.search.SearchEncoder;
import io.personenricher.search.SearchIntake;
import io.personenricher.search.SearchNodes;
import io.personenricher.search.SearchProcessor;
import io.personenricher.search.SearchStores;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the Search then Enrich sub-topology: its own source, processor and stores, so its tasks (and
 * their {@code SEARCH} permits) are apart from the enrichment's.
 *
 * <pre>
 *   search-source ──► search-processor ──┬─► search-people-sink  (IdentifierEvent ─► input topic)
 *                       │ stores:          ├─► search-result-sink  (PersonSearchResult)
 *                       │ requests, found  └─► search-dead-letter-sink (DeadLetter)
 * </pre>
 *
 * <p>The people go to the input topic, so they enter the enrichment as any other event: batched
 * with it, answered from the cache, bounded by its back-pressure. The write is part of the search
 * task's transaction, together with the store step that made it.
 */
public final class SearchTopology {

  public static final String SOURCE = "search-source";
  public static final String PROCESSOR = "search-processor";
  public static final String PEOPLE_SINK = "search-people-sink";
  public static final String RESULT_SINK = "search-result-sink";
  public static final String DEAD_LETTER_SINK = "search-dead-letter-sink";

  private SearchTopology() {}

  static void addTo(
      Topology topology,
      TopicNames topics,
      EnricherSerdes serdes,
      SearchWiring search,
      PermitBroker permits,
      EnricherMetrics metrics,
      OutputLimits limits) {
    SearchEncoder encoder =
        new SearchEncoder(
            topics.input(),
            search.resultsTopic(),
            topics.deadLetter(),
            serdes.input().serializer(),
            search.results().serializer(),
            serdes.deadLetter().serializer(),
            limits);
    SearchIntake intake = new SearchIntake(search.requests().deserializer(), search.settings());
    SearchNodes nodes = new SearchNodes(PEOPLE_SINK, RESULT_SINK, DEAD_LETTER_SINK);
    topology.addSource(
        SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), search.requestsTopic());
    topology.addProcessor(
        PROCESSOR,
        () ->
            new SearchProcessor(
                intake,
                search.client(),
                permits,
                search.settings(),
                metrics,
                nodes,
                encoder,
                new SplittableRandom()),
        SOURCE);
    for (String store : List.of(SearchStores.REQUESTS, SearchStores.FOUND)) {
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(store), Serdes.Bytes(), Serdes.ByteArray())
              .withLoggingEnabled(Map.of()),
          PROCESSOR);
    }
    ByteArraySerializer bytes = new ByteArraySerializer();
    topology.addSink(PEOPLE_SINK, topics.input(), bytes, bytes, PROCESSOR);
    topology.addSink(RESULT_SINK, search.resultsTopic(), bytes, bytes, PROCESSOR);
    topology.addSink(DEAD_LETTER_SINK, topics.deadLetter(), bytes, bytes, PROCESSOR);
  }
}
