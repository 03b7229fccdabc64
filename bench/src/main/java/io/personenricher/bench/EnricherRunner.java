package io.personenricher.bench;

import io.personenricher.app.AccountLimits;
import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.ClientSettings;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.config.EnricherConfig;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.quota.InMemoryQuotaLedger;
import io.personenricher.quota.LedgerPermitBroker;
import io.personenricher.quota.PermitBroker;
import io.personenricher.quota.QuotaMetrics;
import io.personenricher.quota.QuotaSettings;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.EnricherSerdes;
import io.personenricher.topology.EnrichmentTopology;
import io.personenricher.topology.TopicNames;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * One KafkaStreams instance, configured the way the product runs (exactly-once v2, 100 ms commit interval, the
 * same settings as the integration tests' {@code EnricherInstance}): either the real enrichment topology or a
 * baseline topology handed in.
 *
 * <p>Threading notes: built and closed by the scenario thread; the uncaught-exception handler runs on a stream
 * thread and only sets an atomic.
 */
final class EnricherRunner implements AutoCloseable {

  private final KafkaStreams streams;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  final ProcessorActivity activity;
  private final String stateDir;
  private boolean keepState;

  private EnricherRunner(Topology topology, Properties props, ProcessorActivity activity) {
    this.activity = activity;
    this.stateDir = props.getProperty(StreamsConfig.STATE_DIR_CONFIG);
    streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(error -> {
      failure.compareAndSet(null, error);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  /**
   * The product's client and the quota it sends on: as the product runs alone ({@code enricher.quota.coordination
   * =local}), a slot ledger in memory at the scenario's limit and window, or no quota at all for a scenario whose
   * limit is {@link ThroughputScenarios#UNLIMITED}.
   */
  record QuotaClient(VertxEnrichClient client, PermitBroker permits) {}

  /** The real enrichment topology on {@code topics}, with a fresh state directory. */
  static EnricherRunner enricher(String bootstrap, Map<String, Object> serdeConfig, String applicationId,
      TopicNames topics, BatchSettings settings, QuotaClient client, EnricherMetrics metrics) {
    return enricher(bootstrap, serdeConfig, applicationId, topics, settings, client, metrics, null,
        ReuseSettings.taskScope());
  }

  /**
   * @param stateDir the state directory, or null for a fresh one: a run that restarts the application on the
   *     state an earlier run left (see {@link #keepStateOnClose()}) passes the earlier run's {@link #stateDir()}
   * @param reuse how far answers are reused (the answers topic of the application scope must exist)
   */
  static EnricherRunner enricher(String bootstrap, Map<String, Object> serdeConfig, String applicationId,
      TopicNames topics, BatchSettings settings, QuotaClient client, EnricherMetrics metrics, String stateDir,
      ReuseSettings reuse) {
    EnricherSerdes serdes = new EnricherSerdes(
        AvroSerdes.specific(IdentifierEvent.class, serdeConfig),
        AvroSerdes.specific(EnrichedPerson.class, serdeConfig),
        AvroSerdes.specific(UnmatchedIdentifier.class, serdeConfig),
        AvroSerdes.specific(DeadLetter.class, serdeConfig));
    ProcessorActivity activity = new ProcessorActivity();
    Topology topology = EnrichmentTopology.build(topics, serdes, settings, client.client(), client.permits(), metrics,
        activity, OutputLimits.defaults(), LiveFallback.off(), Optional.empty(), reuse);
    Properties props = props(bootstrap, applicationId);
    if (stateDir != null) {
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    }
    return new EnricherRunner(topology, props, activity);
  }

  /** Any other topology (the baselines), with the same Streams settings. */
  static EnricherRunner topology(String bootstrap, String applicationId, Topology topology) {
    return new EnricherRunner(topology, props(bootstrap, applicationId), new ProcessorActivity());
  }

  /**
   * The product's Kafka Streams settings ({@link EnricherConfig#streamsProperties()}: exactly-once v2, its
   * poll and producer defaults), then what a benchmark on one embedded broker needs: a fresh state directory, the
   * integration tests' commit interval (100 ms, Streams' own under exactly-once), replication factor 1, reading
   * from the earliest offset.
   */
  static Properties props(String bootstrap, String applicationId) {
    Properties props = new EnricherConfig(Map.of(EnricherConfig.BOOTSTRAP_SERVERS, bootstrap,
        EnricherConfig.APPLICATION_ID, applicationId)).streamsProperties();
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    try {
      props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-" + applicationId).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
    return props;
  }

  /** The product's client against a simulator, with the in-flight bound and the quota of the scenario. */
  static QuotaClient client(Vertx vertx, String baseUrl, String apiKey, int inFlight, int rateLimit,
      Duration window, EnricherMetrics metrics) {
    ClientSettings d = ClientSettings.defaults(URI.create(baseUrl), apiKey);
    ClientSettings settings = new ClientSettings(d.baseUrl(), d.apiKey(), d.connectTimeout(), d.requestTimeout(),
        Math.max(d.poolSize(), inFlight), inFlight, d.maxQueued(), d.haltProbeInterval());
    if (rateLimit >= ThroughputScenarios.UNLIMITED) {
      return new QuotaClient(new VertxEnrichClient(vertx, settings, metrics), PermitBroker.UNLIMITED);
    }
    LedgerPermitBroker permits = new LedgerPermitBroker(
        QuotaSettings.defaults("bench").withWindow(window, Optional.of(rateLimit)), new InMemoryQuotaLedger(),
        metrics instanceof QuotaMetrics quota ? quota : QuotaMetrics.NOOP, () -> ThreadLocalRandom.current().nextDouble());
    VertxEnrichClient client = new VertxEnrichClient(vertx, settings, metrics, permits, java.time.Clock.systemUTC());
    // As the product does before its streams start; it also warms the client for the first enrich requests.
    AccountLimits.adopt(client, permits);
    return new QuotaClient(client, permits);
  }

  /** {@link BatchSettings#defaults()} with another in-flight bound per task and pending bound. */
  static BatchSettings batchSettings(int inFlightPerTask, int maxPendingPerTask) {
    BatchSettings d = BatchSettings.defaults();
    return new BatchSettings(d.maxBatchSize(), d.linger(), inFlightPerTask, maxPendingPerTask, d.maxBlock(),
        d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.retryDeadline(), d.punctuateInterval(),
        d.preserveKeyOrder(), d.defaultMinConfidence(), d.answerCacheTtl());
  }

  EnricherRunner start() {
    streams.start();
    return this;
  }

  /** Waits for RUNNING; throws if the instance died. */
  EnricherRunner awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("streams not RUNNING after " + timeout + ": " + streams.state());
      }
      sleep(20);
    }
    return this;
  }

  void checkAlive() {
    if (failure.get() != null) {
      throw new IllegalStateException("the Streams instance died: " + failure.get(), failure.get());
    }
  }

  /**
   * The main consumer's fetch figures and the producers' request figures (averages since start), for
   * telling a stream thread that waits for input from one that waits for the broker.
   */
  Map<String, Double> clientFigures() {
    Map<String, Double> out = new java.util.TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      String client = name.tags().getOrDefault("client-id", "");
      boolean mainConsumer = client.endsWith("-consumer") && !client.contains("restore");
      boolean fetch = name.group().equals("consumer-fetch-manager-metrics") && !name.tags().containsKey("topic")
          && List.of("fetch-latency-avg", "fetch-size-avg", "records-per-request-avg", "fetch-total")
              .contains(name.name());
      boolean produce = name.group().equals("producer-metrics") && List.of("request-latency-avg",
          "record-size-avg", "batch-size-avg", "records-per-request-avg", "request-total").contains(name.name());
      boolean thread = name.group().equals("stream-thread-metrics") && List.of("poll-latency-avg",
          "poll-records-avg", "poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio", "process-records-avg",
          "commit-latency-avg", "poll-total", "commit-total").contains(name.name());
      if (thread) {
        Object value = metric.metricValue();
        if (value instanceof Number number) {
          out.merge("thread " + name.name(), number.doubleValue(), Double::sum);
        }
      }
      if ((mainConsumer && fetch) || produce) {
        Object value = metric.metricValue();
        if (value instanceof Number number) {
          out.merge((produce ? "producer " : "consumer ") + name.name(), number.doubleValue(), Double::sum);
        }
      }
    });
    return out;
  }

  String stateDir() {
    return stateDir;
  }

  KafkaStreams streams() {
    return streams;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@link #close()} leaves the state directory for a later run of the same application. */
  EnricherRunner keepStateOnClose() {
    keepState = true;
    return this;
  }

  @Override
  public void close() {
    if (streams.close(Duration.ofSeconds(30)) && !keepState) {
      streams.cleanUp();
    }
  }
}
