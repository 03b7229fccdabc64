package io.personenricher.topology;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.EnrichmentProcessor;
import io.personenricher.batching.OutputNodes;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.batching.StoreNames;
import io.personenricher.client.EnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrichment topology: a pure function of its arguments (no environment, sockets or
 * threads), so tests drive the same topology with a fake client.
 *
 * <pre>
 *   identifier-source (raw bytes) ──► enrichment-processor ──┬─► enriched-sink     (EnrichedPerson)
 *                                       │ stores: pending,     ├─► unmatched-sink    (UnmatchedIdentifier)
 *                                       │ parked, heads, answers └─► dead-letter-sink (DeadLetter)
 * </pre>
 *
 * <p>The source reads raw bytes and the processor decodes them itself, so an undecodable record
 * becomes a dead letter with its bytes and offset instead of stopping the stream.
 */
public final class EnrichmentTopology {

  public static final String SOURCE = "identifier-source";
  public static final String PROCESSOR = "enrichment-processor";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String UNMATCHED_SINK = "unmatched-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private EnrichmentTopology() {}

  public static Topology build(
      TopicNames topics,
      EnricherSerdes serdes,
      BatchSettings settings,
      EnrichClient client,
      EnricherMetrics metrics,
      ProcessorActivity activity) {
    OutputNodes outputs =
        new OutputNodes(
            ENRICHED_SINK,
            topics.enriched(),
            UNMATCHED_SINK,
            topics.unmatched(),
            DEAD_LETTER_SINK,
            topics.deadLetter());
    Topology topology = new Topology();
    topology.addSource(
        SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.input());
    topology.addProcessor(
        PROCESSOR,
        () ->
            new EnrichmentProcessor(
                serdes.input().deserializer(),
                client,
                settings,
                metrics,
                activity,
                outputs,
                new SplittableRandom()),
        SOURCE);
    topology.addStateStore(store(StoreNames.PENDING), PROCESSOR);
    topology.addStateStore(store(StoreNames.PARKED), PROCESSOR);
    topology.addStateStore(store(StoreNames.KEY_HEADS), PROCESSOR);
    topology.addStateStore(store(StoreNames.ANSWERS), PROCESSOR);
    ByteArraySerializer keys = new ByteArraySerializer();
    topology.addSink(
        ENRICHED_SINK, topics.enriched(), keys, serdes.enriched().serializer(), PROCESSOR);
    topology.addSink(
        UNMATCHED_SINK, topics.unmatched(), keys, serdes.unmatched().serializer(), PROCESSOR);
    topology.addSink(
        DEAD_LETTER_SINK, topics.deadLetter(), keys, serdes.deadLetter().serializer(), PROCESSOR);
    return topology;
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
    // Caching collapses an entry added and removed within one commit interval into a single
    // changelog write.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingEnabled(Map.of())
        .withCachingEnabled();
  }
}
