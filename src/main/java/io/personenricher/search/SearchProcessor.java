package io.personenricher.search;

import io.personenricher.batching.Backoff;
import io.personenricher.client.SearchClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.quota.Demand;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.PermitBroker;
import io.personenricher.routing.RecordSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Person Search requests page by page and hands every person found to the enrichment, as a
 * state machine over {@link SearchState} ({@link SearchState#next()}): decode, fetch a page on a
 * {@code SEARCH} permit, forward its people to the input topic, finish with one {@code
 * PersonSearchResult} (and a dead letter when it failed).
 *
 * <pre>
 *  request ─► SearchIntake ─► SearchStore ─► FETCH ─► PermitBroker ─► SearchClient ─► PageCalls
 *             (refused: result      ▲          ▲                                          │
 *              + dead letter)       │          └──── SearchDecisions (retry, halt) ◄──────┘
 *                                   └─ EMIT (people ─► input topic) ─► FINISH (result, dead letter)
 * </pre>
 *
 * <p>Exactly once: a state is written in the same transaction as the outputs of the step that made
 * it, so a new owner of the task resumes each search where the last commit left it, without
 * fetching (or paying for) a committed page again, nor forwarding a person twice. A page whose
 * answer was not committed is fetched again: at most the pages in flight at a crash are paid twice.
 *
 * <p>Threading notes: Kafka Streams calls {@link #process}, the punctuator and {@link #close} on
 * the task's stream thread, and only that thread touches the store or forwards; the client
 * completes page calls on I/O threads and {@link PageCalls} hands their outcomes over.
 */
public final class SearchProcessor implements Processor<byte[], byte[], byte[], byte[]> {

  private static final Logger log = LoggerFactory.getLogger(SearchProcessor.class);

  private final SearchIntake intake;
  private final SearchClient client;
  private final PermitBroker permits;
  private final SearchSettings settings;
  private final EnricherMetrics metrics;
  private final SearchNodes nodes;
  private final SearchEncoder encoder;
  private final RandomGenerator random;

  private ProcessorContext<byte[], byte[]> context;
  private String taskId;
  private SearchStore store;
  private PageCalls calls;
  private SearchDecisions decisions;
  private boolean offered;

  public SearchProcessor(
      SearchIntake intake,
      SearchClient client,
      PermitBroker permits,
      SearchSettings settings,
      EnricherMetrics metrics,
      SearchNodes nodes,
      SearchEncoder encoder,
      RandomGenerator random) {
    this.intake = intake;
    this.client = client;
    this.permits = permits;
    this.settings = settings;
    this.metrics = metrics;
    this.nodes = nodes;
    this.encoder = encoder;
    this.random = random;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.taskId = "search-" + context.taskId();
    this.store =
        new SearchStore(
            context.getStateStore(SearchStores.REQUESTS),
            context.getStateStore(SearchStores.FOUND),
            new SearchStateCodec());
    store.load();
    this.calls = new PageCalls(settings.maxInFlightPerTask());
    this.decisions = new SearchDecisions(settings, random);
    if (store.size() > 0) {
      log.info("Task {} resumes {} searches left by a previous owner", taskId, store.size());
    }
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::pump);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("input record without metadata"));
    metrics.recordIn(metadata.topic());
    RecordSource source =
        new RecordSource(metadata.topic(), metadata.partition(), metadata.offset(), record.key());
    SearchIntake.Admission admission =
        intake.admit(metadata.topic(), record.headers(), record.value());
    long now = context.currentSystemTimeMs();
    if (admission instanceof SearchIntake.Admission.Accepted accepted) {
      accept(source, record, accepted.request());
    } else if (admission instanceof SearchIntake.Admission.RegistryUnavailable unavailable) {
      log.warn(
          "Search request at offset {} waits for the registry: {}",
          source.offset(),
          unavailable.message());
      store.put(SearchState.undecoded(source, record.timestamp(), record.value()));
    } else {
      SearchState state =
          refusedState(
              source,
              record.timestamp(),
              (SearchIntake.Admission.Refused) admission,
              record.value());
      if (!finish(state, now)) {
        store.put(state);
      }
    }
    pump(now);
  }

  private void accept(RecordSource source, Record<byte[], byte[]> record, PersonSearchRequest req) {
    SearchState state = SearchState.admitted(source, record.timestamp(), req);
    if (store.owesResult(req.getRequestId())) {
      state = state.failed(duplicate(req));
    } else if (store.size() >= settings.maxPendingPerTask()) {
      state =
          state.failed(
              new SearchState.Failure(
                  DeadLetterReason.INVALID_EVENT,
                  "search_backlog_full",
                  "the task already follows "
                      + store.size()
                      + " searches (enricher.search.max.pending.per.task): send it again later",
                  null,
                  true));
    }
    store.put(state);
  }

  private static SearchState.Failure duplicate(PersonSearchRequest request) {
    return new SearchState.Failure(
        DeadLetterReason.INVALID_EVENT,
        "duplicate_request_id",
        "a search with request_id "
            + request.getRequestId()
            + " is still in progress: give every search its own id",
        null,
        false);
  }

  private static SearchState refusedState(
      RecordSource source, long timestamp, SearchIntake.Admission.Refused refused, byte[] raw) {
    SearchState base =
        refused.request() == null
            ? SearchState.undecoded(source, timestamp, raw)
            : SearchState.admitted(source, timestamp, refused.request());
    return base.failed(
        new SearchState.Failure(
            refused.reason(),
            refused.errorClass(),
            refused.message(),
            null,
            refused.request() != null));
  }

  /** Answers in, steps taken, pages out. */
  private void pump(long ignoredTimestamp) {
    long now = context.currentSystemTimeMs();
    PageCalls.Answered answered;
    while ((answered = calls.poll()) != null) {
      apply(answered, now);
    }
    List<SearchState> fetchable = new ArrayList<>();
    for (SearchState state : store.all()) {
      SearchState after = advance(state, now);
      if (after != null
          && after.next() == SearchState.Step.FETCH
          && !calls.inFlight(after.offset())
          && after.tries().notBeforeMs() <= now) {
        fetchable.add(after);
      }
    }
    fetch(fetchable, now);
  }

  private void apply(PageCalls.Answered answered, long now) {
    SearchState state = store.get(answered.offset());
    if (state == null) {
      return;
    }
    SearchDecisions.Decision decision =
        decisions.decide(state, answered.outcome(), answered.sentAtMs(), now);
    if (decision instanceof SearchDecisions.Decision.PageTaken taken) {
      int position = state.pages().found();
      for (String url : taken.urls()) {
        store.addFound(state.offset(), position++, url);
      }
      metrics.recordSearchPage();
    } else if (decision instanceof SearchDecisions.Decision.Retry retry) {
      metrics.recordRetry("search_" + retry.reasonCode());
    } else if (decision instanceof SearchDecisions.Decision.Halted halted) {
      log.warn(
          "Search {} waits: the search client is halted ({})",
          state.requestId(),
          halted.fatal().message());
    }
    store.put(decision.state());
  }

  /** Takes the steps that need no API call; the state after them, or null once finished. */
  private SearchState advance(SearchState state, long now) {
    SearchState current = state;
    while (true) {
      switch (current.next()) {
        case DECODE -> {
          SearchState decoded = decode(current, now);
          if (decoded == current || decoded == null) {
            return decoded;
          }
          current = decoded;
        }
        case EMIT -> {
          SearchState emitted = emit(current);
          if (emitted.pages().emitted() < emitted.pages().found()) {
            return emitted;
          }
          current = emitted;
        }
        case FINISH -> {
          return finish(current, now) ? null : current;
        }
        case FETCH -> {
          return current;
        }
      }
    }
  }

  private SearchState decode(SearchState state, long now) {
    if (state.tries().notBeforeMs() > now) {
      return state;
    }
    SearchIntake.Admission admission =
        intake.admit(state.source().topic(), new RecordHeaders(), state.rawValue());
    if (admission instanceof SearchIntake.Admission.RegistryUnavailable) {
      int failures = state.tries().failures() + 1;
      long wait =
          Backoff.delayMs(
              settings.initialBackoff().toMillis(),
              settings.maxBackoff().toMillis(),
              failures,
              random);
      SearchState waiting = state.withTries(new SearchState.Tries(0, failures, 0, now + wait));
      store.put(waiting);
      return waiting;
    }
    SearchState next;
    if (admission instanceof SearchIntake.Admission.Accepted accepted) {
      next = SearchState.admitted(state.source(), state.recordTimestamp(), accepted.request());
      if (store.owesResult(accepted.request().getRequestId())) {
        next = next.failed(duplicate(accepted.request()));
      }
    } else {
      next =
          refusedState(
              state.source(),
              state.recordTimestamp(),
              (SearchIntake.Admission.Refused) admission,
              state.rawValue());
    }
    store.put(next);
    return next;
  }

  /** Forwards the people found and not yet forwarded, until the registry stops answering. */
  private SearchState emit(SearchState state) {
    int emitted = state.pages().emitted();
    int found = state.pages().found();
    long timestamp = context.currentSystemTimeMs();
    while (emitted < found) {
      String url = store.found(state.offset(), emitted);
      byte[] value = encoder.person(SearchRecords.person(state, emitted, url));
      if (value == null) {
        break;
      }
      context.forward(
          new Record<>(
              SearchRecords.personKeyBytes(state.requestId(), emitted),
              value,
              timestamp,
              new RecordHeaders()),
          nodes.peopleNode());
      emitted++;
    }
    if (emitted == state.pages().emitted()) {
      return state;
    }
    SearchState next = state.withEmitted(emitted);
    store.put(next);
    return next;
  }

  /**
   * Writes the search's result (when it owes one) and, when it failed, its dead letter; the search
   * leaves the store. False when the registry is out of reach: nothing was written, try again.
   */
  private boolean finish(SearchState state, long now) {
    Instant at = Instant.ofEpochMilli(now);
    SearchState.Failure failure = state.failure();
    byte[] key = state.source().key();
    int keyBytes = key == null ? 0 : key.length;
    byte[] result = null;
    if (failure == null || failure.withResult()) {
      List<String> urls = store.found(state.offset());
      result = encoder.result(SearchRecords.result(state, urls, true, at), keyBytes);
      if (result == null) {
        return false;
      }
    }
    byte[] letter = null;
    if (failure != null) {
      DeadLetter record = SearchRecords.deadLetter(state, state.rawValue(), at);
      letter = encoder.deadLetter(record);
      if (letter == null) {
        return false;
      }
    }
    if (result != null) {
      context.forward(new Record<>(key, result, now, new RecordHeaders()), nodes.resultNode());
    }
    if (letter != null) {
      context.forward(new Record<>(key, letter, now, new RecordHeaders()), nodes.deadLetterNode());
      metrics.recordDeadLetter(failure.errorClass());
    }
    metrics.recordSearch(failure == null ? "completed" : "failed", state.pages().emitted());
    store.remove(state);
    return true;
  }

  /** Offers the fetchable searches as demand for {@code SEARCH} permits; sends one per permit. */
  private void fetch(List<SearchState> fetchable, long now) {
    boolean canSend = client.delayUntilNextPermit().isZero();
    int wanted = canSend ? Math.min(fetchable.size(), calls.room()) : 0;
    int next = 0;
    while (wanted > next || offered) {
      int left = wanted - next;
      Demand demand = left <= 0 ? Demand.NONE : new Demand(left, 0, 0, now);
      Optional<Permit> permit = permits.offer(Endpoint.SEARCH, taskId, demand, now);
      offered = !demand.isEmpty();
      if (permit.isEmpty() || left <= 0) {
        return;
      }
      SearchState state = fetchable.get(next++);
      calls.launch(
          state.offset(),
          client.search(SearchQuery.nextPage(state, settings.pageSize()), permit.get()),
          now);
    }
  }

  @Override
  public void close() {
    calls.close();
    permits.withdraw(taskId);
  }
}
