package io.personenricher.app;

import io.personenricher.app.status.StatusDocument;
import io.personenricher.app.status.StatusHistory;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.ClientSettings;
import io.personenricher.client.HaltReason;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.config.EnricherConfig;
import io.personenricher.credits.BudgetedEnrichClient;
import io.personenricher.credits.CreditBudget;
import io.personenricher.metrics.PrometheusEnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.LedgerPermitBroker;
import io.personenricher.quota.QuotaSettings;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.EnricherSerdes;
import io.personenricher.topology.EnrichmentTopology;
import io.personenricher.topology.LastResortHandlers;
import io.personenricher.topology.TopicNames;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that builds Vert.x, the API client, the serdes, the
 * topology, Kafka Streams, the metrics registry and the operations endpoint, all from one {@link
 * EnricherConfig}. {@code run}, {@code demo} and the integration tests start the processor through
 * {@link #start}.
 *
 * <p>Start-up, in order: verify (or, when asked, create) the four topics; build everything; log the
 * masked configuration and {@code topology.describe()} once; serve the status page, {@code
 * /health}, {@code /ready}, {@code /metrics}, {@code /status.json}; start Kafka Streams and wait
 * for RUNNING within {@link Options#startupTimeout()}.
 *
 * <p>Uncaught stream-thread exceptions: the thread is replaced ({@code REPLACE_THREAD}), because
 * under exactly-once the replacement resumes from the last commit and transient failures (a broker
 * bounce, a fenced producer) heal that way. A deterministic failure would loop, so the budget is
 * {@value #MAX_THREAD_REPLACEMENTS} replacements per {@link #REPLACEMENT_WINDOW}; beyond it the
 * client shuts down (state ERROR, liveness 503, the orchestrator restarts the instance and the log
 * holds the exception).
 *
 * <p>Shutdown ({@link #close()}, from a SIGTERM hook or the owner): ask the processors to drain
 * (send what they hold), wait until no API request is in flight (or only requests waiting for a
 * quota permit that will not come before the drain deadline are left), then close Kafka Streams,
 * the client, the ops server and Vert.x, in that order, within {@code
 * enricher.shutdown.timeout.ms}. Kafka Streams leaves the consumer group on close, so the next
 * owner of each partition takes over at once; whatever is still pending stays in the changelogged
 * store and is re-issued by that owner, so nothing is lost or duplicated.
 *
 * <p>Threading notes: {@link #start} and {@link #close} run on the owner's thread or a
 * shutdown-hook thread; {@code close} is idempotent and guarded by an atomic flag, so both may call
 * it. The probes read {@code KafkaStreams.state()}, the client's halt flag and a volatile flag from
 * the Vert.x event loop; none blocks. The status sampler runs on a Vert.x timer (an event loop) and
 * only reads meters into the synchronized {@link StatusHistory}.
 */
public final class EnricherApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EnricherApp.class);
  static final int MAX_THREAD_REPLACEMENTS = 3;
  static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);

  /**
   * How to start, beyond the configuration.
   *
   * @param apiKey a key to use instead of {@code enricher.api.key} (the demo's simulator key);
   *     empty: the configured key, which must be set
   * @param createTopicPartitions empty: fail when a topic is missing; otherwise create missing
   *     topics with this many partitions
   * @param startupTimeout how long to wait for the topic check and for Kafka Streams to reach
   *     RUNNING
   */
  public record Options(
      Optional<String> apiKey, Optional<Integer> createTopicPartitions, Duration startupTimeout) {

    public Options {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(createTopicPartitions, "createTopicPartitions");
      Objects.requireNonNull(startupTimeout, "startupTimeout");
      createTopicPartitions.ifPresent(
          p -> {
            if (p < 1) {
              throw new IllegalArgumentException("partitions must be at least 1, got " + p);
            }
          });
    }

    /** Production: the configured key, topics must exist, 120 s to start. */
    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), Duration.ofSeconds(120));
    }

    public Options withApiKey(String key) {
      return new Options(Optional.of(key), createTopicPartitions, startupTimeout);
    }

    public Options withTopicCreation(int partitions) {
      return new Options(apiKey, Optional.of(partitions), startupTimeout);
    }
  }

  private final EnricherConfig config;
  private final Vertx vertx;
  private final PrometheusEnricherMetrics metrics;
  private final VertxEnrichClient client;
  private final BudgetedEnrichClient budgetedClient;
  private final WorkflowClients workflows;
  private final QuotaSettings quotaSettings;
  private final LedgerPermitBroker permits;
  private final Ledgers ledgers;
  private final ProcessorActivity activity;
  private final Topology topology;
  private final KafkaStreams streams;
  private final AutoCloseable streamsMetrics;
  private final OpsServer ops;
  private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Clock clock = Clock.systemUTC();
  private final ThreadReplacementBudget replacements =
      new ThreadReplacementBudget(MAX_THREAD_REPLACEMENTS, REPLACEMENT_WINDOW, clock);
  private final StatusHistory statusHistory = new StatusHistory();
  private volatile boolean shuttingDown;
  private volatile Throwable lastStreamThreadError;

  /** Builds everything; when that fails half-way, what was already built is closed again. */
  static EnricherApp build(
      EnricherConfig config, ClientSettings clientSettings, OutputLimits outputLimits) {
    try (CloseOnFailure opened = new CloseOnFailure()) {
      EnricherApp app = new EnricherApp(config, clientSettings, outputLimits, opened);
      opened.keepAll();
      return app;
    }
  }

  private EnricherApp(
      EnricherConfig config,
      ClientSettings clientSettings,
      OutputLimits outputLimits,
      CloseOnFailure opened) {
    this.config = config;
    TopicNames topics = config.topicNames();
    Map<String, Object> serdeConfig = config.serdeConfig();
    EnricherSerdes serdes =
        new EnricherSerdes(
            AvroSerdes.specific(IdentifierEvent.class, serdeConfig),
            AvroSerdes.specific(EnrichedPerson.class, serdeConfig),
            AvroSerdes.specific(UnmatchedIdentifier.class, serdeConfig),
            AvroSerdes.specific(DeadLetter.class, serdeConfig));
    this.vertx = opened.add("Vert.x", Vertx.vertx(), EnricherApp::closeVertx);
    this.metrics = new PrometheusEnricherMetrics(config.batchSettings().maxBatchSize());
    this.ledgers = new Ledgers(config, metrics.quota(), metrics.credits(), clock, opened);
    this.quotaSettings = ledgers.quotaSettings();
    this.permits = ledgers.permits();
    this.client =
        opened.add(
            "API client",
            new VertxEnrichClient(vertx, clientSettings, metrics, permits, clock),
            VertxEnrichClient::close);
    this.workflows =
        WorkflowClients.build(
            config,
            vertx,
            clientSettings,
            metrics,
            permits,
            client,
            ledgers.budget(),
            metrics.credits(),
            opened);
    this.budgetedClient =
        new BudgetedEnrichClient(
            workflows.enrichClient(), ledgers.budget(), metrics.credits(), clock);
    this.activity = new ProcessorActivity();
    this.topology =
        EnrichmentTopology.build(
            topics,
            serdes,
            config.batchSettings(),
            budgetedClient,
            permits,
            metrics,
            activity,
            outputLimits,
            workflows.live(),
            workflows.search(),
            config.reuseSettings());
    Properties streamsProperties = config.streamsProperties();
    LastResortHandlers.install(
        streamsProperties,
        new LastResortHandlers.Context(
            topics.input(), topics.deadLetter(), serdes.deadLetter().serializer()));
    this.streams =
        opened.add(
            "Kafka Streams",
            new KafkaStreams(topology, streamsProperties),
            ks -> ks.close(Duration.ofSeconds(10)));
    this.streams.setUncaughtExceptionHandler(this::onUncaught);
    this.streams.setStateListener(
        (now, before) -> {
          log.info("Kafka Streams {} -> {}", before, now);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.complete(now);
          }
        });
    this.streamsMetrics =
        opened.add("metrics binder", metrics.bindKafkaStreams(streams), AutoCloseable::close);
    metrics.credits().bindBudget(ledgers.budget()::status);
    metrics.bindHaltState(
        () -> budgetedClient.haltReason().map(Enum::name),
        Arrays.stream(HaltReason.values()).map(Enum::name).toList());
    this.ops =
        new OpsServer(
            vertx,
            config.httpPort(),
            () -> Probes.liveness(streams.state(), shuttingDown),
            this::readiness,
            metrics::scrape,
            this::status);
  }

  private ProbeStatus readiness() {
    return Probes.readiness(
        streams.state(),
        budgetedClient.haltReason(),
        activity.registryProblem(),
        ledgers.budget().exhaustedUntil());
  }

  /** The status page's document: the recent samples, the figures now and readiness. */
  private Map<String, Object> status() {
    long now = clock.millis();
    StatusDocument document =
        new StatusDocument(
            new StatusDocument.Limits(
                config.batchSettings().maxBatchSize(),
                permits.permitsPerWindow(Endpoint.ENRICH, now),
                quotaSettings.window()));
    return document.build(
        statusHistory.samples(),
        metrics.snapshot(clock.instant()),
        readiness(),
        ledgers.statusSections(now));
  }

  private void startStatusSampling() {
    statusHistory.add(metrics.snapshot(clock.instant()));
    vertx.setPeriodic(
        StatusHistory.SAMPLE_INTERVAL.toMillis(),
        id -> statusHistory.add(metrics.snapshot(clock.instant())));
  }

  /**
   * Checks the topics, builds everything, starts and waits for RUNNING.
   *
   * @throws IllegalStateException when a topic is missing (naming it and the fix), Kafka is
   *     unreachable, or Kafka Streams does not reach RUNNING in time; everything started so far is
   *     closed again
   * @throws io.personenricher.config.InvalidConfigException when no API key is configured or given
   */
  public static EnricherApp start(EnricherConfig config, Options options) {
    ClientSettings clientSettings =
        options.apiKey().map(config::clientSettings).orElseGet(config::clientSettings);
    log.info(
        "Resolved configuration:{}{}",
        System.lineSeparator(),
        String.join(
            System.lineSeparator(), config.describe().stream().map(l -> "  " + l).toList()));
    OutputLimits outputLimits = StartupTopics.prepare(config, options);
    EnricherApp app = build(config, clientSettings, outputLimits);
    try {
      log.info("Topology:{}{}", System.lineSeparator(), app.topology.describe());
      app.startStatusSampling();
      app.ops.start(Duration.ofSeconds(10));
      app.ledgers.adoptAccountLimits(app.client);
      app.ledgers.start();
      app.streams.start();
      app.awaitRunning(options.startupTimeout());
      log.info("person-enricher is RUNNING; ops endpoint on port {}", app.ops.port());
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR
          || state == KafkaStreams.State.NOT_RUNNING
          || state == KafkaStreams.State.PENDING_ERROR) {
        throw new IllegalStateException(
            StreamsExitReason.stoppedDuringStartup(state, lastStreamThreadError));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            StreamsExitReason.notRunningInTime(timeout, state, lastStreamThreadError));
      }
      try {
        // Polling the state: simpler than a listener race, and start-up is not latency-critical.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka Streams to start", e);
      }
    }
  }

  private StreamThreadExceptionResponse onUncaught(Throwable error) {
    lastStreamThreadError = error;
    if (replacements.tryReplace()) {
      metrics.recordThreadReplacement();
      log.error(
          "Stream thread died; replacing it ({} of {} replacements allowed per {}); it resumes from the "
              + "last commit",
          replacements.used(),
          MAX_THREAD_REPLACEMENTS,
          REPLACEMENT_WINDOW,
          error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    log.error(
        "Stream thread died again ({} replacements within {}): shutting the instance down (state ERROR, "
            + "liveness fails, restart it after reading this exception): {}",
        MAX_THREAD_REPLACEMENTS,
        REPLACEMENT_WINDOW,
        StreamsExitReason.describe(error),
        error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** Completes when Kafka Streams stops by itself (ERROR) or is closed (NOT_RUNNING). */
  public CompletableFuture<KafkaStreams.State> stopped() {
    return stopped;
  }

  /**
   * Why Kafka Streams stopped by itself: the exception that killed the last stream thread, when one
   * did.
   */
  public String stopReason() {
    return StreamsExitReason.stopped(
        streams.state(), lastStreamThreadError, MAX_THREAD_REPLACEMENTS, REPLACEMENT_WINDOW);
  }

  /** The bound port of the status page, /health, /ready, /metrics and /status.json. */
  public int opsPort() {
    return ops.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public VertxEnrichClient client() {
    return client;
  }

  public PrometheusEnricherMetrics metrics() {
    return metrics;
  }

  /** The application's credit budget, as this instance sees it. */
  public CreditBudget budget() {
    return ledgers.budget();
  }

  public ProcessorActivity activity() {
    return activity;
  }

  public EnricherConfig config() {
    return config;
  }

  /**
   * Graceful shutdown within {@code enricher.shutdown.timeout.ms}; idempotent. The drain may use
   * the timeout minus a reserve (a third, at most 10 s) that is kept for closing Kafka Streams (the
   * final commit).
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    shuttingDown = true;
    Duration timeout = config.shutdownTimeout();
    long start = System.nanoTime();
    Duration reserve = Duration.ofMillis(Math.min(10_000, timeout.toMillis() / 3));
    long drainDeadline = start + timeout.minus(reserve).toNanos();
    log.info(
        "Shutting down: draining in-flight API requests (at most {} s)",
        timeout.minus(reserve).toSeconds());
    activity.requestDrain();
    boolean running = streams.state().isRunningOrRebalancing();
    while (running && activity.inFlightRequests() > 0 && System.nanoTime() < drainDeadline) {
      if (client.inFlightRequests() == 0
          && client.delayUntilNextPermit().toNanos() > drainDeadline - System.nanoTime()) {
        // Only requests waiting for quota are left, and no permit comes before the deadline:
        // waiting is
        // pointless. They are answered "client closed" below and stay pending for the next owner.
        break;
      }
      try {
        // Polling the in-flight counter: the processors finish requests on their own threads.
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int leftInFlight = activity.inFlightRequests();
    long pendingAtClose = activity.pendingEntries();
    Duration remaining = timeout.minusNanos(System.nanoTime() - start);
    Duration closeTimeout = remaining.compareTo(reserve) > 0 ? remaining : reserve;
    quietly("metrics binder", streamsMetrics::close);
    // Leave the group: the partitions' next owner gets them (and their pending work) at once
    // instead of after
    // the session timeout. A rolling restart pays one extra rebalance for that.
    boolean closed =
        streams.close(
            org.apache.kafka.streams.CloseOptions.timeout(closeTimeout)
                .withGroupMembershipOperation(
                    org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closed) {
      log.warn(
          "Kafka Streams did not close within {} s; its threads are abandoned",
          closeTimeout.toSeconds());
    }
    stopped.complete(KafkaStreams.State.NOT_RUNNING);
    quietly("shared ledgers", ledgers::close);
    quietly("live enrich and search clients", workflows::close);
    quietly("API client", client::close);
    quietly("ops server", ops::close);
    quietly("Vert.x", () -> closeVertx(vertx));
    log.info(
        "Shut down in {} ms: {} request(s) were still in flight or waiting for quota at close; {} pending "
            + "entries stay in the store for the partitions' next owner",
        Duration.ofNanos(System.nanoTime() - start).toMillis(),
        leftInFlight,
        pendingAtClose);
  }

  private static void closeVertx(Vertx vertx) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while closing the {}", what);
    } catch (Exception e) {
      log.warn("Could not close the {} cleanly: {}", what, e.toString());
    }
  }
}
