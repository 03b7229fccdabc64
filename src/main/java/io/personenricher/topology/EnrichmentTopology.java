package io.personenricher.topology;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.EnrichmentProcessor;
import io.personenricher.batching.LiveFallback;
import io.personenricher.batching.OutputNodes;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.batching.StoreNames;
import io.personenricher.client.EnrichClient;
import io.personenricher.intake.RecordDecoder;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.PermitBroker;
import io.personenricher.reuse.AnswerBookUpdater;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.OutputEncoder;
import io.personenricher.routing.OutputLimits;
import io.personenricher.routing.OutputTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
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
 *                                       │ parked, answers,     └─► dead-letter-sink  (DeadLetter)
 *                                       │ registry-wait; key heads (local, derived)
 *                                       └─► answers-sink ──► <application.id>-answers
 *                                                              │ (claims, answers, releases)
 *   answers-source ──► answer-book-updater ──► global store: answer book ◄── read by every task
 * </pre>
 *
 * <p>With reuse scope {@code task} the answers sink, the answers topic and the global store are not
 * there, and the per-task answers store is.
 *
 * <p>The source reads raw bytes and the processor decodes them itself, so an undecodable record
 * becomes a dead letter with its bytes and offset instead of stopping the stream; likewise the
 * processor encodes the outputs and the sinks write bytes.
 */
public final class EnrichmentTopology {

  public static final String SOURCE = "identifier-source";
  public static final String PROCESSOR = "enrichment-processor";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String UNMATCHED_SINK = "unmatched-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";
  public static final String ANSWERS_SINK = "answers-sink";
  public static final String ANSWERS_SOURCE = "answers-source";
  public static final String ANSWER_BOOK_UPDATER = "answer-book-updater";

  private EnrichmentTopology() {}

  /**
   * The topology without live enrich or search, with answers reused per task (no answers topic).
   */
  public static Topology build(
      TopicNames topics,
      EnricherSerdes serdes,
      BatchSettings settings,
      EnrichClient client,
      PermitBroker permits,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      OutputLimits limits) {
    return build(
        topics,
        serdes,
        settings,
        client,
        permits,
        metrics,
        activity,
        limits,
        LiveFallback.off(),
        Optional.empty(),
        ReuseSettings.taskScope());
  }

  /**
   * @param permits the API quota: who sends when
   * @param limits the largest output record the output topics and the producer accept, as read at
   *     start-up
   * @param live whether profile URLs the index did not match go on to live enrich
   * @param search the Search then Enrich sub-topology ({@link SearchTopology}), when searches are
   *     taken
   * @param reuse how far answers are reused (and the answers topic, for the application scope)
   */
  public static Topology build(
      TopicNames topics,
      EnricherSerdes serdes,
      BatchSettings settings,
      EnrichClient client,
      PermitBroker permits,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      OutputLimits limits,
      LiveFallback live,
      Optional<SearchWiring> search,
      ReuseSettings reuse) {
    boolean book = reuse.usesBook(settings.answerCacheTtl());
    OutputTopics outputTopics =
        new OutputTopics(topics.enriched(), topics.unmatched(), topics.deadLetter());
    OutputNodes outputs =
        new OutputNodes(ENRICHED_SINK, UNMATCHED_SINK, DEAD_LETTER_SINK, outputTopics);
    OutputEncoder encoder =
        new OutputEncoder(
            outputTopics,
            serdes.enriched().serializer(),
            serdes.unmatched().serializer(),
            serdes.deadLetter().serializer(),
            limits);
    RecordDecoder decoder = new RecordDecoder(serdes.input().deserializer());
    Topology topology = new Topology();
    topology.addSource(
        SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.input());
    topology.addProcessor(
        PROCESSOR,
        () ->
            new EnrichmentProcessor(
                decoder,
                client,
                permits,
                settings,
                metrics,
                activity,
                outputs,
                encoder,
                new SplittableRandom(),
                live,
                reuse,
                book ? ANSWERS_SINK : null),
        SOURCE);
    for (String store : List.of(StoreNames.PENDING, StoreNames.PARKED, StoreNames.REGISTRY_WAIT)) {
      topology.addStateStore(store(store), PROCESSOR);
    }
    if (book) {
      long ttlMs = settings.answerCacheTtl().toMillis();
      topology.addGlobalStore(
          answerBook(),
          ANSWERS_SOURCE,
          new BytesDeserializer(),
          new ByteArrayDeserializer(),
          reuse.topic(),
          ANSWER_BOOK_UPDATER,
          () -> new AnswerBookUpdater(StoreNames.ANSWER_BOOK, ttlMs));
    } else {
      topology.addStateStore(answerStore(), PROCESSOR);
    }
    topology.addStateStore(derivedStore(StoreNames.KEY_HEADS), PROCESSOR);
    // Values arrive encoded: the processor serializes them, to turn a record too large for its
    // topic or a registry outage into a decision instead of a dead stream thread.
    ByteArraySerializer bytes = new ByteArraySerializer();
    topology.addSink(ENRICHED_SINK, topics.enriched(), bytes, bytes, PROCESSOR);
    topology.addSink(UNMATCHED_SINK, topics.unmatched(), bytes, bytes, PROCESSOR);
    topology.addSink(DEAD_LETTER_SINK, topics.deadLetter(), bytes, bytes, PROCESSOR);
    if (book) {
      topology.addSink(ANSWERS_SINK, reuse.topic(), bytes, bytes, PROCESSOR);
    }
    search.ifPresent(
        wiring -> SearchTopology.addTo(topology, topics, serdes, wiring, permits, metrics, limits));
    return topology;
  }

  /**
   * The answer book: a global store whose changelog is the answers topic itself (logging off), and
   * without the store cache (the updater's writes are the fold's, one per record).
   */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> answerBook() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ANSWER_BOOK),
            Serdes.Bytes(),
            Serdes.ByteArray())
        .withLoggingDisabled()
        .withCachingDisabled();
  }

  /**
   * The answer cache: changelogged, but without the store cache, which could not collapse anything
   * (each answer is written once) and would only crowd out the pending store's entries. Kafka
   * Streams evicts from the store being written to, flushing all its dirty entries when the eldest
   * is dirty, so a store cache full of answers made the pending store write its newest segment to
   * the changelog on every event. Recent answers stay in memory in {@code AnswerCache} instead.
   */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> answerStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ANSWERS), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingEnabled(Map.of())
        .withCachingDisabled();
  }

  /**
   * A local store for state the processor rebuilds from the others when a task starts: no changelog
   * (nothing to restore) and no cache (its writes are rare and direct).
   */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> derivedStore(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled()
        .withCachingDisabled();
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
