package io.personenricher.batching;

import io.personenricher.client.EnrichClient;
import io.personenricher.intake.IdentifierValidator;
import io.personenricher.intake.RecordDecoder;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.PermitBroker;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.OutputEncoder;
import io.personenricher.routing.OutputRouter;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns identifier events into API batches and API answers back into one output record per event,
 * as a composition of parts with one job each:
 *
 * <pre>
 *  record ─► EventIntake ─► EventFlow: KeyOrderGate ─► AnswerReuse hit? ──────────► OutputRouter
 *            (decode,                  │ parked          │ miss                        ▲
 *             validate)                ▼                 ▼                             │
 *                              RegistryWaitList    PendingBuffer ─► BatchDispatcher    │
 *                              (registry down)                      (DispatchPolicy,   │
 *                                                                    BatchAssembler)   │
 *                                                                         │ ≤ 25        │
 *      OutcomeApplier ◄── OutcomeHandler ◄── InFlightTable ◄── EnrichClient ◄┘          │
 *          │ answers, dead letters ───────────────────────────────────────────────────┘
 *          └─► RetryQueue (retries, bisected halves, batches held by a halt)
 * </pre>
 *
 * <p>Answers are reused per task ({@link AnswerCache}) or across the application ({@link
 * AnswerBook}: claims, answers and releases go to the answers topic through the answers sink, in
 * the same transaction as the outputs, and come back through the global answer book).
 *
 * <p>Every event ends as exactly one output record. With exactly-once processing that holds across
 * crashes and rebalances: an event's entry leaves the changelogged stores in the same transaction
 * that forwards its output, and what was pending or in flight when a task moved is sent again by
 * the new owner.
 *
 * <p>No record and no API answer can stop the stream: bytes that do not decode and events that fail
 * validation become dead letters; a schema registry outage holds the affected events (nothing is
 * dead-lettered) until it ends; a malformed answer is a retriable protocol error; an output that
 * cannot be built or is too large becomes a dead letter with its reason.
 *
 * <p>Timing: the {@link Pacemaker} keeps the punctuator at the pace the work needs (none while
 * idle, on every pass of the loop while answers are awaited), and a punctuation with answers
 * awaited and no input coming waits for them on the stream thread's {@link ThreadWakeup}, so an
 * answer is handled, and the next batch sent, the moment it lands.
 *
 * <p>Threading notes: Kafka Streams calls {@link #process}, the punctuator and {@link #close} on
 * the task's stream thread, and only that thread touches the stores and the parts, or forwards. The
 * client completes its calls on I/O threads; the {@link InFlightTable} hands them over and signals
 * the thread's {@link ThreadWakeup}.
 */
public final class EnrichmentProcessor implements Processor<byte[], byte[], byte[], byte[]> {

  private static final Logger log = LoggerFactory.getLogger(EnrichmentProcessor.class);

  /** Key heads kept in memory per task (about 100 bytes each); beyond, in a local store. */
  static final int KEY_HEADS_IN_MEMORY = 10_000;

  /** Kafka Streams' own default of {@code poll.ms}. */
  private static final long STREAMS_DEFAULT_POLL_MS = 100;

  private final RecordDecoder decoder;
  private final EnrichClient client;
  private final PermitBroker permits;
  private final BatchSettings settings;
  private final EnricherMetrics metrics;
  private final ProcessorActivity activity;
  private final OutputNodes outputs;
  private final OutputEncoder encoder;
  private final RandomGenerator random;
  private final BackPressure backPressure;
  private final LiveFallback live;
  private final ReuseSettings reuseSettings;
  private final String answersNode;

  private ProcessorContext<byte[], byte[]> context;
  private String taskId;
  private EventFlow flow;
  private InFlightTable inFlight;
  private BatchDispatcher dispatcher;
  private OutcomeApplier outcomes;
  private CompletionPump completions;
  private final TaskClock clock = new TaskClock();
  private IntakeStalls stalls;
  private ThreadWakeup wakeup;
  private Pacemaker pacemaker;
  private long nextBatchId;
  private long reportedPending;

  public EnrichmentProcessor(
      RecordDecoder decoder,
      EnrichClient client,
      PermitBroker permits,
      BatchSettings settings,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      OutputNodes outputs,
      OutputEncoder encoder,
      RandomGenerator random,
      LiveFallback live,
      ReuseSettings reuseSettings,
      String answersNode) {
    this.decoder = decoder;
    this.client = client;
    this.permits = permits;
    this.settings = settings;
    this.metrics = metrics;
    this.activity = activity;
    this.outputs = outputs;
    this.encoder = encoder;
    this.random = random;
    this.backPressure = new BackPressure(settings);
    this.live = live;
    this.reuseSettings = reuseSettings;
    this.answersNode = answersNode;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.taskId = context.taskId().toString();
    clock.entered(context.currentSystemTimeMs());
    stalls = IntakeStalls.of(settings.punctuateInterval(), settings.maxWait());
    stalls.called(clock.nowMs());
    PendingEntryCodec codec = new PendingEntryCodec();
    PendingBuffer buffer =
        new PendingBuffer(
            context.getStateStore(StoreNames.PENDING), codec, settings.maxBatchSize());
    KeyOrderGate gate =
        new KeyOrderGate(
            settings.preserveKeyOrder(),
            context.getStateStore(StoreNames.PARKED),
            new KeyHeads(context.getStateStore(StoreNames.KEY_HEADS), KEY_HEADS_IN_MEMORY),
            codec);
    RegistryWaitList registry =
        new RegistryWaitList(
            context.getStateStore(StoreNames.REGISTRY_WAIT),
            codec,
            settings.initialBackoff().toMillis(),
            settings.maxBackoff().toMillis());
    // The key heads are derived from what the task holds: rebuilt here, never restored.
    gate.beginRestore();
    buffer.recount(gate::restoreHead);
    registry.recount(gate::restoreHead);
    List<PendingEntry> released = gate.finishRestore();
    AnswerCache cache = null;
    AnswerReuse reuse;
    BatchAssembler.ClaimRules claimRules = BatchAssembler.ClaimRules.NONE;
    if (reuseSettings.usesBook(settings.answerCacheTtl())) {
      KeyValueStore<Bytes, byte[]> book = context.getStateStore(StoreNames.ANSWER_BOOK);
      reuse =
          new AnswerBook(
              new ReuseLookup(book, settings.answerCacheTtl().toMillis()),
              taskId,
              settings.answerCacheTtl(),
              reuseSettings.claimLease(),
              (key, value, timestampMs) ->
                  context.forward(new Record<>(key, value, timestampMs), answersNode),
              metrics);
      claimRules =
          new BatchAssembler.ClaimRules(
              settings.maxBatchSize() * settings.maxInFlightPerTask() * 2,
              reuseSettings.claimLease().toMillis(),
              reuseSettings.recheck().toMillis());
    } else {
      cache = new AnswerCache(context.getStateStore(StoreNames.ANSWERS), settings.answerCacheTtl());
      reuse = cache;
    }
    EventIntake intake =
        new EventIntake(decoder, new IdentifierValidator(settings.defaultMinConfidence()));
    BatchAssembler assembler =
        new BatchAssembler(buffer, settings.maxBatchSize(), intake::validation, claimRules);
    OutputRouter router =
        new OutputRouter(
            encoder,
            (route, key, value, headers) ->
                context.forward(
                    new Record<>(key, value, clock.nowMs(), headers), outputs.node(route)),
            outputs.topics(),
            metrics);
    flow =
        new EventFlow(
            taskId, intake, gate, buffer, assembler, reuse, registry, router, activity, live,
            metrics);
    wakeup = ThreadWakeup.forCurrentThread();
    inFlight = new InFlightTable(settings.maxInFlightPerTask(), activity, taskId, wakeup::signal);
    RetryQueue retries = new RetryQueue();
    dispatcher =
        new BatchDispatcher(
            taskId,
            client,
            permits,
            settings,
            assembler,
            reuse,
            flow,
            inFlight,
            retries,
            new HeldClaims(claimRules.leaseMs()),
            activity,
            stalls,
            metrics,
            () -> nextBatchId++);
    OutcomeHandler handler =
        new OutcomeHandler(
            new RetryPolicy(settings, random),
            settings.initialBackoff().toMillis(),
            () -> nextBatchId++);
    outcomes =
        new OutcomeApplier(
            taskId, handler, flow, assembler, reuse, retries, client, metrics, flow::held);
    completions = new CompletionPump(inFlight, outcomes, dispatcher::dispatch, clock::nowMs);
    released.forEach(entry -> flow.resume(entry, clock.nowMs()));
    pacemaker =
        new Pacemaker(
            interval ->
                context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> punctuate()),
            settings.punctuateInterval(),
            pollInterval(context));
    reportPending();
    pacemaker.adjust(flow.held(), inFlight.size());
    if (reportedPending > 0) {
      log.info(
          "Task {} resumes {} pending events left by a previous owner", taskId, reportedPending);
    }
    if (cache != null && cache.enabled()) {
      Duration sweepEvery =
          Duration.ofMillis(Math.max(settings.answerCacheTtl().toMillis() / 4, 1_000));
      context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, cache::sweep);
    }
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("input record without metadata"));
    clock.entered(context.currentSystemTimeMs());
    long now = clock.nowMs();
    stalls.recordArrived(now);
    wakeup.inputArrived(System.nanoTime());
    metrics.recordIn(metadata.topic());
    flow.admit(
        new PendingEntry(
            metadata.topic(),
            metadata.partition(),
            metadata.offset(),
            record.key(),
            null,
            null,
            record.value(),
            null,
            record.timestamp(),
            now),
        record.headers(),
        now);
    try {
      pump();
      backPressure.apply(flow::held, inFlight, this::handleAndPump);
    } catch (RuntimeException e) {
      // The record is admitted: a dead letter for it now would be a second output. The task
      // fails instead; its transaction aborts and the work is redone from the last commit.
      throw new AdmittedRecordException(e);
    }
  }

  private void punctuate() {
    clock.entered(context.currentSystemTimeMs());
    stalls.called(clock.nowMs());
    backPressure.newCycle();
    flow.retryRegistry(clock.nowMs());
    pump();
    long deadline = pacemaker.waitDeadline(wakeup, inFlight.size(), System.nanoTime());
    // Wait for answers instead of in the consumer's poll; return as soon as an answer is for
    // another task of this thread, whose punctuator comes next.
    while (deadline >= 0 && inFlight.size() > 0 && wakeup.await(deadline)) {
      if (!inFlight.hasCompletions()) {
        break;
      }
      pump();
    }
    stalls.called(clock.nowMs());
  }

  /** Completions in, batches out, until neither moves; then the pace follows the work. */
  private void pump() {
    completions.run();
    reportPending();
    pacemaker.adjust(flow.held(), inFlight.size());
  }

  private void handleAndPump(Completion completion) {
    outcomes.apply(completion, clock.nowMs());
    pump();
  }

  @Override
  public void close() {
    if (inFlight.size() > 0) {
      log.info(
          "Task {} closes with {} API requests in flight; their events stay pending for the next"
              + " owner",
          taskId,
          inFlight.size());
    }
    inFlight.close();
    dispatcher.close();
    pacemaker.stop();
    activity.pendingChanged(-reportedPending);
    activity.registryAvailable(taskId);
    metrics.pendingEntries(taskId, 0);
  }

  /** Kafka Streams' {@code poll.ms}: how long the thread would wait for input with none coming. */
  private static Duration pollInterval(ProcessorContext<byte[], byte[]> context) {
    Object configured = context.appConfigs().get(StreamsConfig.POLL_MS_CONFIG);
    long millis =
        configured == null ? STREAMS_DEFAULT_POLL_MS : Long.parseLong(configured.toString().trim());
    return Duration.ofMillis(Math.max(1, millis));
  }

  private void reportPending() {
    long size = flow.held();
    if (size != reportedPending) {
      activity.pendingChanged(size - reportedPending);
      reportedPending = size;
      metrics.pendingEntries(taskId, size);
    }
  }
}
