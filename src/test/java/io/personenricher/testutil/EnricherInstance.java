package io.personenricher.testutil;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.EnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.quota.PermitBroker;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.EnricherSerdes;
import io.personenricher.topology.EnrichmentTopology;
import io.personenricher.topology.SearchWiring;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.awaitility.Awaitility;

/**
 * One running enricher (a KafkaStreams instance of the real topology) for integration tests.
 * Several instances with the same application id form one group and share the input partitions, as
 * deployed replicas do.
 */
public final class EnricherInstance implements AutoCloseable {

  private final KafkaStreams streams;
  private final ProcessorActivity activity = new ProcessorActivity();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  public EnricherInstance(
      Broker broker,
      SchemaRegistry registry,
      String applicationId,
      TopicNames topics,
      BatchSettings settings,
      EnrichClient client,
      int threads) {
    this(
        broker,
        registry,
        applicationId,
        topics,
        settings,
        client,
        threads,
        LiveFallback.off(),
        Optional.empty(),
        io.personenricher.reuse.ReuseSettings.taskScope());
  }

  /**
   * With the live enrich fallback and the Search then Enrich sub-topology as given, answers reused
   * per task.
   */
  public EnricherInstance(
      Broker broker,
      SchemaRegistry registry,
      String applicationId,
      TopicNames topics,
      BatchSettings settings,
      EnrichClient client,
      int threads,
      LiveFallback live,
      Optional<SearchWiring> search) {
    this(
        broker,
        registry,
        applicationId,
        topics,
        settings,
        client,
        threads,
        live,
        search,
        io.personenricher.reuse.ReuseSettings.taskScope());
  }

  /** With answers reused as {@code reuse} says, no live enrich, no search. */
  public EnricherInstance(
      Broker broker,
      SchemaRegistry registry,
      String applicationId,
      TopicNames topics,
      BatchSettings settings,
      EnrichClient client,
      int threads,
      io.personenricher.reuse.ReuseSettings reuse) {
    this(
        broker,
        registry,
        applicationId,
        topics,
        settings,
        client,
        threads,
        LiveFallback.off(),
        Optional.empty(),
        reuse);
  }

  /**
   * With answers reused as {@code reuse} says; for the application scope, its answers topic is
   * created here (as the application does at start-up) unless it exists.
   */
  public EnricherInstance(
      Broker broker,
      SchemaRegistry registry,
      String applicationId,
      TopicNames topics,
      BatchSettings settings,
      EnrichClient client,
      int threads,
      LiveFallback live,
      Optional<SearchWiring> search,
      io.personenricher.reuse.ReuseSettings reuse) {
    if (reuse.usesBook(settings.answerCacheTtl())) {
      Topics.createAnswers(broker, applicationId, settings.answerCacheTtl());
    }
    Map<String, Object> serdeConfig = registry.serdeConfig();
    EnricherSerdes serdes =
        new EnricherSerdes(
            AvroSerdes.specific(IdentifierEvent.class, serdeConfig),
            AvroSerdes.specific(EnrichedPerson.class, serdeConfig),
            AvroSerdes.specific(UnmatchedIdentifier.class, serdeConfig),
            AvroSerdes.specific(DeadLetter.class, serdeConfig));
    Properties props = new Properties();
    props.putAll(broker.clientConfig());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, TestDirs.newTempDir("streams-" + applicationId).toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.POLL_MS_CONFIG, 20);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    // As EnricherConfig does in production: one request in flight sidesteps KAFKA-15591, whose
    // OutOfOrderSequenceException retries on the fresh output topics stall the stream thread.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
    props.put("processing.exception.handler.global.enabled", true);
    streams =
        new KafkaStreams(
            EnrichmentTopology.build(
                topics,
                serdes,
                settings,
                client,
                PermitBroker.UNLIMITED,
                EnricherMetrics.NOOP,
                activity,
                OutputLimits.defaults(),
                live,
                search,
                reuse),
            props);
    streams.setUncaughtExceptionHandler(
        error -> {
          failure.compareAndSet(null, error);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  public EnricherInstance start() {
    streams.start();
    return this;
  }

  public EnricherInstance awaitRunning() {
    Awaitility.await("streams RUNNING")
        .atMost(Duration.ofSeconds(60))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return this;
  }

  /** Waits until the instance died of an uncaught exception, as a crashed process would. */
  public Throwable awaitCrash(Duration timeout) {
    Awaitility.await("streams crashed")
        .atMost(timeout)
        .until(() -> failure.get() != null && !streams.state().isRunningOrRebalancing());
    return failure.get();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public ProcessorActivity activity() {
    return activity;
  }

  public int activeTasks() {
    return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
