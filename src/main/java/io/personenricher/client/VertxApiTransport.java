package io.personenricher.client;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaFeedback;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends API calls ({@link ApiExchange}) over the Vert.x core {@link io.vertx.core.http.HttpClient}:
 * each at its permit's time, bounded, and halting on fatal answers. The API clients ({@link
 * VertxEnrichClient}, {@link VertxSearchClient}) are thin over one transport each, so every
 * endpoint gets the same pacing, bounds, timeouts, halting and secrecy, and each client is its own
 * halt domain (a 403 of a plan without live enrich halts that client only).
 *
 * <p>Timing. The quota decides when a request may go ({@link Permit}); the transport holds it until
 * the permit's {@code sendAtMs} (a Vert.x timer, nothing blocks) and sends it then, or answers
 * {@code Retriable(NOT_SENT)} when no connection is free before the permit's {@code sendByMs}:
 * sending later would break the spacing of the quota's schedule. Every answer's rate-limit headers
 * go to the {@link QuotaFeedback}.
 *
 * <p>Bounds. At most {@code min(maxInFlight, poolSize)} requests are on the wire: an HTTP/1.1
 * connection carries one exchange at a time, and a request waiting inside Vert.x for a connection
 * would reach the server later than its permit said. At most {@code maxQueued} requests wait for
 * their time or a slot; beyond that a call is answered at once with {@code Retriable(NOT_SENT,
 * "client queue full")}.
 *
 * <p>Timeouts. The transport's own deadline ({@code requestTimeout} from sending) answers the
 * caller with {@code Retriable(TIMEOUT)} at once, but the request keeps its slot until its
 * connection is closed (an HTTP/1.1 connection cannot drop a response half-way), which keeps the
 * bound above true on the server's side too; hence the core {@code HttpClient}, not the WebClient,
 * which does not expose a request's connection. A request whose deadline passes before it had a
 * connection is never sent.
 *
 * <p>Halting. The first {@link EnrichOutcome.Fatal} (401, 402, 403) halts the transport: every
 * queued request is answered with the same {@code Fatal} (without an HTTP status), and so is every
 * new request while halted, except one probe per {@code haltProbeInterval}: the first request made
 * once the interval has passed goes to the API. A probe answered with any non-fatal HTTP status
 * clears the halt; a fatal answer or a transport failure keeps it and the next probe is due one
 * interval after this one was let through. While halted, requests are answered at once instead of
 * parked in the queue, because a halt can last hours and the queue is memory; callers keep their
 * work in their own (durable) stores and ask {@link #delayUntilNextPermit()}.
 *
 * <p>Secrets. The API key goes only into the {@code authorization} header. It is never logged, and
 * any server text that echoes it is masked before it becomes an outcome message.
 *
 * <p>Threading notes: {@code submit}, {@code delayUntilNextPermit}, {@code haltReason} and {@code
 * close} are called from stream threads; every exchange (sending, its deadline, its response and
 * the close of its connection) runs on the transport's one Vert.x context, so a {@code Call}'s
 * exchange state needs no lock. The queue, the in-flight set and the halt state are guarded by
 * {@code lock}; futures are completed outside it, so callers' continuations never run while the
 * lock is held. Stages complete on the event loop (or the calling thread for immediate answers).
 */
final class VertxApiTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VertxApiTransport.class);

  private final String name;
  private final Vertx vertx;
  private final ClientSettings settings;
  private final EnricherMetrics metrics;
  private final Clock clock;
  private final AnswerReport report;
  private final Context context;
  private final HttpClientAgent http;
  private final String baseUrl;
  private final int maxInFlight;

  private final Object lock = new Object();
  // Guarded by lock.
  private final PriorityQueue<TransportCall<?>> queue =
      new PriorityQueue<>(
          Comparator.comparing((TransportCall<?> c) -> !c.probe)
              .thenComparingLong(c -> c.permit.sendAtMs())
              .thenComparingLong(c -> c.sequence));
  private final Set<TransportCall<?>> inFlight = new HashSet<>();
  private long callSequence;
  private boolean closed;
  private final HaltGate halt;
  private final WakeTimer wake;

  /**
   * @param name what the transport serves, for its log lines ({@code enrich}, {@code search})
   * @param feedback told the key's limit and every 429, for the quota
   * @param clock the time source of permits and halting (tests)
   */
  VertxApiTransport(
      String name,
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.report = new AnswerReport(Objects.requireNonNull(feedback, "feedback"), metrics);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.halt = new HaltGate(settings.haltProbeInterval());
    this.wake = new WakeTimer(vertx, clock, lock, this::pump);
    this.maxInFlight = Math.max(1, Math.min(settings.maxInFlight(), settings.poolSize()));
    String base = settings.baseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.context = vertx.getOrCreateContext();
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
            .setKeepAlive(true);
    this.http =
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.poolSize()));
  }

  /**
   * Sends one call at its permit's time; the stage always completes normally, transport failures
   * becoming {@link ApiExchange#failed} outcomes.
   */
  <O> CompletionStage<O> submit(ApiExchange<O> exchange, Permit permit) {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(permit, "permit");
    TransportCall<O> call = new TransportCall<>(exchange, permit);
    EnrichOutcome immediate = null;
    synchronized (lock) {
      call.sequence = callSequence++;
      Instant now = clock.instant();
      if (closed) {
        immediate = retriable(EnrichOutcome.RetryReason.NOT_SENT, "client closed");
      } else if (halt.reason() != null) {
        if (halt.admitProbe(now)) {
          call.probe = true;
          queue.add(call);
          LOG.info(
              "Client halted ({}, {}): letting one probe request through", name, halt.reason());
        } else {
          immediate = halt.haltedAnswer(now);
        }
      } else if (queue.size() >= settings.maxQueued()) {
        immediate =
            retriable(
                EnrichOutcome.RetryReason.NOT_SENT,
                "client queue full (" + queue.size() + " requests waiting)");
      } else {
        queue.add(call);
      }
    }
    if (immediate != null) {
      call.future.complete(exchange.failed(immediate));
    } else {
      pump();
    }
    return call.future.minimalCompletionStage();
  }

  /** Zero when a request would be taken now; while halted, the time until the next probe. */
  Duration delayUntilNextPermit() {
    synchronized (lock) {
      return halt.delay(clock.instant());
    }
  }

  Optional<HaltReason> haltReason() {
    synchronized (lock) {
      return Optional.ofNullable(halt.reason());
    }
  }

  /**
   * {@code GET path} at once, outside any schedule (free endpoints such as {@code
   * /account/endpoints}): the body of a 200 answer, or empty for any other answer or a failure.
   */
  CompletionStage<Optional<String>> get(String path) {
    CompletableFuture<Optional<String>> body = new CompletableFuture<>();
    RequestOptions options = request(HttpMethod.GET, path, settings.requestTimeout().toMillis());
    context.runOnContext(
        v ->
            http.request(options)
                .compose(request -> request.send())
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                text ->
                                    response.statusCode() == 200
                                        ? Optional.of(text.toString())
                                        : Optional.<String>empty()))
                .onComplete(ar -> body.complete(ar.succeeded() ? ar.result() : Optional.empty())));
    return body;
  }

  double creditsUsed() {
    return report.creditsUsed();
  }

  int queuedRequests() {
    synchronized (lock) {
      return queue.size();
    }
  }

  int inFlightRequests() {
    synchronized (lock) {
      return inFlight.size();
    }
  }

  @Override
  public void close() {
    List<TransportCall<?>> unsent;
    List<TransportCall<?>> abandoned;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      unsent = new ArrayList<>(queue);
      abandoned = new ArrayList<>(inFlight);
      queue.clear();
      wake.cancel();
    }
    unsent.forEach(
        c -> finishFailed(c, retriable(EnrichOutcome.RetryReason.NOT_SENT, "client closed")));
    abandoned.forEach(
        c ->
            finishFailed(
                c, retriable(EnrichOutcome.RetryReason.CONNECTION_FAILED, "client closed")));
    http.close();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Moves queued requests whose permit time has come onto the wire while connection slots allow;
   * answers those whose permit expired while they waited for a slot; arms a timer for the next
   * permit time.
   */
  private void pump() {
    List<TransportCall<?>> ready = new ArrayList<>();
    List<TransportCall<?>> expired = new ArrayList<>();
    synchronized (lock) {
      long now = clock.millis();
      while (!closed && !queue.isEmpty()) {
        TransportCall<?> head = queue.peek();
        if (halt.reason() != null && !head.probe) {
          break; // cannot happen (halting drains the queue); kept so a bug never sends in a halt
        }
        if (head.permit.sendByMs() < now) {
          queue.poll();
          expired.add(head);
          continue;
        }
        if (head.permit.sendAtMs() > now) {
          wake.wakeIn(Duration.ofMillis(head.permit.sendAtMs() - now));
          break;
        }
        if (inFlight.size() >= maxInFlight) {
          break;
        }
        queue.poll();
        inFlight.add(head);
        ready.add(head);
      }
    }
    expired.forEach(
        call ->
            finishFailed(
                call,
                retriable(
                    EnrichOutcome.RetryReason.NOT_SENT,
                    "no connection free before the permit's time ran out")));
    ready.forEach(call -> context.runOnContext(v -> send(call)));
  }

  private RequestOptions request(HttpMethod method, String path, long timeoutMillis) {
    return new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(baseUrl + path)
        .putHeader("authorization", "Bearer " + settings.apiKey())
        .putHeader("x-api-version", ClientSettings.API_VERSION)
        .putHeader("content-type", "application/json")
        .putHeader("accept", "application/json")
        .putHeader("user-agent", "person-enricher")
        .setIdleTimeout(Math.max(1, timeoutMillis));
  }

  /** On the context: sends a request that has its permit and slot, under its own deadline. */
  private void send(TransportCall<?> call) {
    call.startNanos = System.nanoTime();
    metrics.requestStarted();
    long timeoutMillis = Math.max(1, settings.requestTimeout().toMillis());
    // Our own total deadline: the idle timeout only bounds silence between bytes.
    call.deadlineTimer = vertx.setTimer(timeoutMillis, id -> onDeadline(call));
    RequestOptions options =
        request(HttpMethod.POST, call.exchange.endpoint().path(), timeoutMillis);
    http.request(options)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                onExchangeOver(call, connected.mapEmpty());
              } else if (call.timedOut) {
                // The deadline passed while connecting: never send it; the connection stays good.
                connected.result().reset();
                onExchangeOver(call, connected.mapEmpty());
              } else {
                call.request = connected.result();
                call.request
                    .send(Buffer.buffer(call.exchange.body()))
                    .compose(response -> response.body().map(body -> new Answer(response, body)))
                    .onComplete(answered -> onExchangeOver(call, answered));
              }
            });
  }

  /** On the context: the deadline passed. Answers now; the slot stays taken until the close. */
  private void onDeadline(TransportCall<?> call) {
    if (call.exchangeOver) {
      return;
    }
    call.timedOut = true;
    transportFailure(
        call, EnrichOutcome.RetryReason.TIMEOUT, "no response within " + settings.requestTimeout());
    if (call.request != null) {
      call.request.connection().close().onComplete(closedConnection -> release(call));
    }
  }

  /** On the context: the exchange is over, with the answer, a failure, or nothing (never sent). */
  private void onExchangeOver(TransportCall<?> call, AsyncResult<Answer> result) {
    call.exchangeOver = true;
    vertx.cancelTimer(call.deadlineTimer);
    if (result.succeeded() && result.result() != null) {
      onResponse(call, result.result());
    } else if (result.failed()) {
      Throwable cause = result.cause();
      boolean timeout = isTimeout(cause);
      transportFailure(
          call,
          timeout ? EnrichOutcome.RetryReason.TIMEOUT : EnrichOutcome.RetryReason.CONNECTION_FAILED,
          timeout
              ? "no response within " + settings.requestTimeout()
              : "connection failed: "
                  + cause.getClass().getSimpleName()
                  + ": "
                  + cause.getMessage());
    }
    if (!(call.timedOut && call.request != null)) {
      release(call); // otherwise the close that onDeadline started releases it
    }
  }

  /** Frees a call's slot once its exchange no longer holds a connection, and lets the next go. */
  private void release(TransportCall<?> call) {
    synchronized (lock) {
      inFlight.remove(call);
    }
    pump();
  }

  private <O> void onResponse(TransportCall<O> call, Answer answer) {
    Instant now = clock.instant();
    int status = answer.head().statusCode();
    EnrichProtocol.QuotaHeaders quota =
        EnrichProtocol.QuotaHeaders.read(answer.head()::getHeader, now);
    Endpoint endpoint = call.exchange.endpoint();
    Instant notBefore = report.answered(endpoint, status, quota, now.minus(elapsed(call)), now);
    String body = answer.body() == null ? "" : answer.body().toString();
    O outcome = call.exchange.answered(status, body, quota, notBefore);
    if (call.done.get()) {
      return;
    }
    metrics.recordResponse(Integer.toString(status), elapsed(call));
    LOG.debug(
        "POST {}: {} -> HTTP {} in {} ms",
        endpoint.path(),
        call.exchange.describe(),
        status,
        elapsed(call).toMillis());
    finish(call, masked(call.exchange, outcome));
  }

  private void transportFailure(
      TransportCall<?> call, EnrichOutcome.RetryReason reason, String message) {
    if (call.done.get()) {
      return;
    }
    metrics.recordResponse(reason.code(), elapsed(call));
    LOG.debug(
        "POST {}: {} -> {}",
        call.exchange.endpoint().path(),
        call.exchange.describe(),
        reason.code());
    finishFailed(call, retriable(reason, message));
  }

  private <O> void finishFailed(TransportCall<O> call, EnrichOutcome failure) {
    finish(call, masked(call.exchange, call.exchange.failed(failure)));
  }

  /** Completes a call exactly once and updates the halt state; {@link #release} frees its slot. */
  private <O> void finish(TransportCall<O> call, O outcome) {
    if (!call.done.compareAndSet(false, true)) {
      return;
    }
    List<TransportCall<?>> haltedOut = List.of();
    Instant now = clock.instant();
    EnrichOutcome haltedAnswer = null;
    EnrichOutcome failure = call.exchange.failureOf(outcome);
    synchronized (lock) {
      HaltReason before = halt.reason();
      HaltGate.Change change = halt.finished(call.probe, failure, now);
      if (change == HaltGate.Change.HALTED) {
        LOG.warn(
            "Halting the Crustdata client ({}): {}. Next probe in {}.",
            name,
            ((EnrichOutcome.Fatal) failure).message(),
            settings.haltProbeInterval());
      } else if (change == HaltGate.Change.RESUMED) {
        LOG.info(
            "Crustdata client ({}) resumes: probe answered HTTP {} (was halted: {})",
            name,
            failure == null ? "2xx" : failure.httpStatus(),
            before);
      }
      if (failure instanceof EnrichOutcome.Fatal && !queue.isEmpty()) {
        haltedOut = new ArrayList<>(queue);
        queue.clear();
        haltedAnswer = halt.haltedAnswer(now);
      }
    }
    for (TransportCall<?> c : haltedOut) {
      c.fail(haltedAnswer);
    }
    call.future.complete(outcome);
  }

  private <O> O masked(ApiExchange<O> exchange, O outcome) {
    EnrichOutcome failure = exchange.failureOf(outcome);
    if (failure == null) {
      return outcome;
    }
    EnrichOutcome masked = SecretMask.masked(failure, settings.apiKey());
    return masked == failure ? outcome : exchange.failed(masked);
  }

  private static EnrichOutcome.Retriable retriable(
      EnrichOutcome.RetryReason reason, String message) {
    return new EnrichOutcome.Retriable(reason, null, message, null);
  }

  private static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException || c instanceof io.netty.handler.timeout.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Duration elapsed(TransportCall<?> call) {
    return call.startNanos == 0
        ? Duration.ZERO
        : Duration.ofNanos(System.nanoTime() - call.startNanos);
  }

  /** A response and its whole body. */
  private record Answer(HttpClientResponse head, Buffer body) {}
}
