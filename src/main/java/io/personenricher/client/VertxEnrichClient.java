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
import io.vertx.core.http.HttpClientRequest;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EnrichClient} over the Vert.x {@link io.vertx.core.http.HttpClient}: sending each request
 * at its permit's time, bounded, and halting on fatal answers.
 *
 * <p>Timing. The quota decides when a request may go ({@link Permit}); the client holds it until
 * the permit's {@code sendAtMs} (a Vert.x timer, nothing blocks) and sends it then, or answers
 * {@code Retriable(NOT_SENT)} when no connection is free before the permit's {@code sendByMs}:
 * sending later would break the spacing of the quota's schedule. Every answer's rate-limit headers
 * go to the {@link QuotaFeedback}.
 *
 * <p>Bounds. At most {@code min(maxInFlight, poolSize)} requests are on the wire: an HTTP/1.1
 * connection carries one exchange at a time, and a request waiting inside Vert.x for a connection
 * would reach the server later than its permit said. At most {@code maxQueued} requests wait for
 * their time or a slot; beyond that {@code enrich} answers at once with {@code Retriable(NOT_SENT,
 * "client queue full")}.
 *
 * <p>Timeouts. The client's own deadline ({@code requestTimeout} from sending, whatever the server
 * trickles) answers the caller with {@code Retriable(TIMEOUT)} at once, but the request keeps its
 * slot until its connection is closed: an HTTP/1.1 connection cannot drop a response half-way, so
 * closing it is the only way to stop the exchange, and counting the exchange until the close has
 * completed is what keeps the bound above true on the server's side too (the next request would
 * otherwise open a new connection while the server still serves the old one). A request whose
 * deadline passes before it had a connection is never sent. This is why the client uses the core
 * {@code HttpClient} rather than the WebClient, which does not expose the connection of a request.
 *
 * <p>Halting. The first {@link EnrichOutcome.Fatal} (401, 402, 403) halts the client: every queued
 * request is answered with the same {@code Fatal} (without an HTTP status), and so is every new
 * request while halted, except one probe per {@code haltProbeInterval}: the first request made once
 * the interval has passed goes to the API. A probe answered with any non-fatal HTTP status clears
 * the halt; a fatal answer or a transport failure keeps it and the next probe is due one interval
 * after this one was let through. The design choice: while halted, requests are answered at once
 * instead of parked in the queue, because a halt can last hours and the queue is memory; the caller
 * keeps its events pending in its own (durable) store and asks {@link #delayUntilNextPermit()},
 * which while halted is the time until the next probe, so it neither spins nor loses work.
 *
 * <p>Secrets. The API key goes only into the {@code authorization} header. It is never logged, and
 * any server text that echoes it is masked before it becomes an outcome message.
 *
 * <p>Threading notes: {@code enrich}, {@code delayUntilNextPermit}, {@code haltReason} and {@code
 * close} are called from stream threads; every exchange (sending, its deadline, its response and
 * the close of its connection) runs on the client's one Vert.x context, so a {@code Call}'s
 * exchange state needs no lock. The queue, the in-flight set and the halt state are guarded by
 * {@code lock}; futures are completed outside it, so callers' continuations never run while the
 * lock is held. Stages complete on the event loop (or the calling thread for immediate answers).
 */
public final class VertxEnrichClient implements EnrichClient {

  private static final Logger LOG = LoggerFactory.getLogger(VertxEnrichClient.class);
  private static final String MASK = "****";

  private final Vertx vertx;
  private final ClientSettings settings;
  private final EnricherMetrics metrics;
  private final Clock clock;
  private final QuotaFeedback feedback;
  private final Context context;
  private final HttpClientAgent http;
  private final String baseUrl;
  private long callSequence;
  private final int maxInFlight;
  private final DoubleAdder creditsUsed = new DoubleAdder();

  private final Object lock = new Object();
  // Guarded by lock.
  private final PriorityQueue<Call> queue =
      new PriorityQueue<>(
          Comparator.comparing((Call c) -> !c.probe)
              .thenComparingLong(c -> c.permit.sendAtMs())
              .thenComparingLong(c -> c.sequence));
  private final Set<Call> inFlight = new HashSet<>();
  private boolean closed;
  private HaltReason halt;
  private Instant nextProbeAt = Instant.MIN;
  private boolean probeInFlight;
  private long wakeTimerId = -1;
  private Instant wakeAt = Instant.MAX;

  public VertxEnrichClient(Vertx vertx, ClientSettings settings, EnricherMetrics metrics) {
    this(vertx, settings, metrics, QuotaFeedback.IGNORE, Clock.systemUTC());
  }

  /**
   * @param feedback told the key's limit and every 429, for the quota
   * @param clock the time source of permits and halting (tests)
   */
  public VertxEnrichClient(
      Vertx vertx,
      ClientSettings settings,
      EnricherMetrics metrics,
      QuotaFeedback feedback,
      Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.feedback = Objects.requireNonNull(feedback, "feedback");
    this.clock = Objects.requireNonNull(clock, "clock");
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

  @Override
  public CompletionStage<EnrichOutcome> enrich(EnrichRequest request, Permit permit) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(permit, "permit");
    Call call = new Call(request, permit);
    EnrichOutcome immediate = null;
    synchronized (lock) {
      call.sequence = callSequence++;
      Instant now = clock.instant();
      if (closed) {
        immediate = retriable(EnrichOutcome.RetryReason.NOT_SENT, "client closed");
      } else if (halt != null) {
        if (!probeInFlight && !now.isBefore(nextProbeAt)) {
          call.probe = true;
          probeInFlight = true;
          nextProbeAt = now.plus(settings.haltProbeInterval());
          queue.add(call);
          LOG.info("Client halted ({}): letting one probe request through", halt);
        } else {
          immediate = haltedOutcome(now);
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
      call.future.complete(immediate);
    } else {
      pump();
    }
    return call.future.minimalCompletionStage();
  }

  @Override
  public Duration delayUntilNextPermit() {
    synchronized (lock) {
      if (halt == null) {
        return Duration.ZERO;
      }
      Instant now = clock.instant();
      return now.isBefore(nextProbeAt) ? Duration.between(now, nextProbeAt) : Duration.ZERO;
    }
  }

  @Override
  public Optional<HaltReason> haltReason() {
    synchronized (lock) {
      return Optional.ofNullable(halt);
    }
  }

  /**
   * The key's per-minute limit of each endpoint, as {@code GET /account/endpoints} lists it (free,
   * its own 300 per minute); an empty map when the API does not offer the listing or the call fails
   * (callers then start at the documented limits).
   */
  public CompletionStage<Map<Endpoint, Integer>> accountLimits() {
    CompletableFuture<Map<Endpoint, Integer>> limits = new CompletableFuture<>();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(baseUrl + "/account/endpoints")
            .putHeader("authorization", "Bearer " + settings.apiKey())
            .putHeader("x-api-version", ClientSettings.API_VERSION)
            .putHeader("accept", "application/json")
            .putHeader("user-agent", "person-enricher")
            .setIdleTimeout(Math.max(1, settings.requestTimeout().toMillis()));
    context.runOnContext(
        v ->
            http.request(options)
                .compose(request -> request.send())
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                body ->
                                    response.statusCode() == 200
                                        ? AccountEndpoints.limits(body.toString())
                                        : Map.<Endpoint, Integer>of()))
                .onComplete(ar -> limits.complete(ar.succeeded() ? ar.result() : Map.of())));
    return limits;
  }

  /** Credits the API reported ({@code x-credits-used}) over the client's lifetime. */
  public double creditsUsed() {
    return creditsUsed.sum();
  }

  /** Requests waiting for a permit or a slot. */
  public int queuedRequests() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** Requests on the wire, including timed-out ones whose connection is still closing. */
  public int inFlightRequests() {
    synchronized (lock) {
      return inFlight.size();
    }
  }

  @Override
  public void close() {
    List<Call> unsent;
    List<Call> abandoned;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      unsent = new ArrayList<>(queue);
      abandoned = new ArrayList<>(inFlight);
      queue.clear();
      if (wakeTimerId >= 0) {
        vertx.cancelTimer(wakeTimerId);
        wakeTimerId = -1;
      }
    }
    unsent.forEach(c -> finish(c, retriable(EnrichOutcome.RetryReason.NOT_SENT, "client closed")));
    abandoned.forEach(
        c -> finish(c, retriable(EnrichOutcome.RetryReason.CONNECTION_FAILED, "client closed")));
    http.close();
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * Moves queued requests whose permit time has come onto the wire while connection slots allow;
   * answers those whose permit expired while they waited for a slot; arms a timer for the next
   * permit time.
   */
  private void pump() {
    List<Call> ready = new ArrayList<>();
    List<Call> expired = new ArrayList<>();
    synchronized (lock) {
      long now = clock.millis();
      while (!closed && !queue.isEmpty()) {
        Call head = queue.peek();
        if (halt != null && !head.probe) {
          break; // cannot happen (halting drains the queue); kept so a bug never sends during a
          // halt
        }
        if (head.permit.sendByMs() < now) {
          queue.poll();
          expired.add(head);
          continue;
        }
        if (head.permit.sendAtMs() > now) {
          armWake(Duration.ofMillis(head.permit.sendAtMs() - now));
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
            finish(
                call,
                retriable(
                    EnrichOutcome.RetryReason.NOT_SENT,
                    "no connection free before the permit's time ran out")));
    ready.forEach(call -> context.runOnContext(v -> send(call)));
  }

  /**
   * Under lock: makes sure {@link #pump()} runs again after {@code delay}, keeping only the
   * earliest timer.
   */
  private void armWake(Duration delay) {
    long millis = Math.max(1, (delay.toNanos() + 999_999) / 1_000_000);
    Instant due = clock.instant().plusMillis(millis);
    if (wakeTimerId >= 0 && !wakeAt.isAfter(due)) {
      return;
    }
    if (wakeTimerId >= 0) {
      vertx.cancelTimer(wakeTimerId);
    }
    wakeAt = due;
    wakeTimerId =
        vertx.setTimer(
            millis,
            id -> {
              synchronized (lock) {
                if (wakeTimerId == id) {
                  wakeTimerId = -1;
                  wakeAt = Instant.MAX;
                }
              }
              pump();
            });
  }

  /** On the context: sends a request that has its permit and slot, under its own deadline. */
  private void send(Call call) {
    call.startNanos = System.nanoTime();
    metrics.requestStarted();
    long timeoutMillis = Math.max(1, settings.requestTimeout().toMillis());
    // Our own total deadline: the idle timeout only bounds silence between bytes.
    call.deadlineTimer = vertx.setTimer(timeoutMillis, id -> onDeadline(call));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(baseUrl + call.request.endpoint().path())
            .putHeader("authorization", "Bearer " + settings.apiKey())
            .putHeader("x-api-version", ClientSettings.API_VERSION)
            .putHeader("content-type", "application/json")
            .putHeader("accept", "application/json")
            .putHeader("user-agent", "person-enricher")
            .setIdleTimeout(timeoutMillis);
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
                call.exchange = connected.result();
                call.exchange
                    .send(Buffer.buffer(EnrichProtocol.requestBody(call.request)))
                    .compose(response -> response.body().map(body -> new Answer(response, body)))
                    .onComplete(answered -> onExchangeOver(call, answered));
              }
            });
  }

  /**
   * On the context: the deadline passed. Answers the caller now; the slot stays taken until the
   * connection is closed (or, when not yet connected, until the request is dropped unsent).
   */
  private void onDeadline(Call call) {
    if (call.exchangeOver) {
      return;
    }
    call.timedOut = true;
    transportFailure(
        call, EnrichOutcome.RetryReason.TIMEOUT, "no response within " + settings.requestTimeout());
    if (call.exchange != null) {
      call.exchange.connection().close().onComplete(closed -> release(call));
    }
  }

  /**
   * On the context: Vert.x reports the exchange over, with the answer, a failure, or nothing (never
   * sent).
   */
  private void onExchangeOver(Call call, AsyncResult<Answer> result) {
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
    if (!(call.timedOut && call.exchange != null)) {
      release(call); // otherwise the close that onDeadline started releases it
    }
  }

  /** Frees a call's slot once its exchange no longer holds a connection, and lets the next go. */
  private void release(Call call) {
    synchronized (lock) {
      inFlight.remove(call);
    }
    pump();
  }

  private void onResponse(Call call, Answer answer) {
    Instant now = clock.instant();
    int status = answer.head().statusCode();
    EnrichProtocol.QuotaHeaders quota =
        EnrichProtocol.QuotaHeaders.read(answer.head()::getHeader, now);
    // Quota and credits count even when the call already timed out on our side: the server did the
    // work.
    feedback.answered(
        call.request.endpoint(),
        quota.limit(),
        quota.remaining(),
        quota.resetSeconds(),
        status == 429,
        now.toEpochMilli());
    if (quota.limit() != null && quota.remaining() != null) {
      metrics.quotaHeadroom(quota.remaining(), quota.limit());
    }
    if (quota.creditsUsed() != null) {
      creditsUsed.add(quota.creditsUsed());
      metrics.recordCredits(quota.creditsUsed());
    }
    Instant notBefore = null;
    if (status == 429) {
      Double wait = quota.resetSeconds() != null ? quota.resetSeconds() : quota.retryAfterSeconds();
      notBefore = wait == null ? null : now.plusMillis((long) Math.ceil(wait * 1000));
    } else if (quota.retryAfterSeconds() != null) {
      notBefore = now.plusMillis((long) (quota.retryAfterSeconds() * 1000));
    }
    String body = answer.body() == null ? "" : answer.body().toString();
    EnrichOutcome outcome = EnrichProtocol.classify(call.request, status, body, quota, notBefore);
    if (call.done.get()) {
      return;
    }
    metrics.recordResponse(Integer.toString(status), elapsed(call));
    LOG.debug(
        "POST {}: {} identifiers -> HTTP {} in {} ms",
        call.request.endpoint().path(),
        call.request.size(),
        status,
        elapsed(call).toMillis());
    finish(call, masked(outcome));
  }

  private void transportFailure(Call call, EnrichOutcome.RetryReason reason, String message) {
    if (call.done.get()) {
      return;
    }
    metrics.recordResponse(reason.code(), elapsed(call));
    LOG.debug(
        "POST {}: {} identifiers -> {}",
        call.request.endpoint().path(),
        call.request.size(),
        reason.code());
    finish(call, masked(retriable(reason, message)));
  }

  /**
   * Completes a call exactly once and updates the halt state; its slot is freed by {@link
   * #release}.
   */
  private void finish(Call call, EnrichOutcome outcome) {
    if (!call.done.compareAndSet(false, true)) {
      return;
    }
    List<Call> haltedOut = List.of();
    Instant now = clock.instant();
    EnrichOutcome haltedAnswer = null;
    synchronized (lock) {
      if (call.probe) {
        probeInFlight = false;
      }
      if (outcome instanceof EnrichOutcome.Fatal fatal) {
        if (halt == null) {
          nextProbeAt = now.plus(settings.haltProbeInterval());
          LOG.warn(
              "Halting the Crustdata client: {}. Next probe in {}.",
              fatal.message(),
              settings.haltProbeInterval());
        }
        halt = fatal.reason();
        if (!queue.isEmpty()) {
          haltedOut = new ArrayList<>(queue);
          queue.clear();
          haltedAnswer = haltedOutcome(now);
        }
      } else if (call.probe && halt != null && outcome.httpStatus() != null) {
        LOG.info(
            "Crustdata client resumes: probe answered HTTP {} (was halted: {})",
            outcome.httpStatus(),
            halt);
        halt = null;
      }
    }
    for (Call c : haltedOut) {
      c.done.set(true);
      c.future.complete(haltedAnswer);
    }
    call.future.complete(outcome);
  }

  /** Under lock: the answer for a request that cannot go while halted. */
  private EnrichOutcome haltedOutcome(Instant now) {
    Duration wait = now.isBefore(nextProbeAt) ? Duration.between(now, nextProbeAt) : Duration.ZERO;
    return new EnrichOutcome.Fatal(
        halt,
        null,
        "client halted (" + halt + "); not sent; next probe in " + wait.toSeconds() + " s");
  }

  private EnrichOutcome masked(EnrichOutcome outcome) {
    String key = settings.apiKey();
    if (key.isEmpty()) {
      return outcome;
    }
    if (outcome instanceof EnrichOutcome.Rejected r
        && r.message() != null
        && r.message().contains(key)) {
      return new EnrichOutcome.Rejected(
          r.httpStatus(), r.errorType(), r.message().replace(key, MASK));
    }
    if (outcome instanceof EnrichOutcome.Retriable r
        && r.message() != null
        && r.message().contains(key)) {
      return new EnrichOutcome.Retriable(
          r.reason(), r.httpStatus(), r.message().replace(key, MASK), r.notBefore());
    }
    if (outcome instanceof EnrichOutcome.Fatal f
        && f.message() != null
        && f.message().contains(key)) {
      return new EnrichOutcome.Fatal(f.reason(), f.httpStatus(), f.message().replace(key, MASK));
    }
    return outcome;
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

  private static Duration elapsed(Call call) {
    return call.startNanos == 0
        ? Duration.ZERO
        : Duration.ofNanos(System.nanoTime() - call.startNanos);
  }

  /** A response and its whole body. */
  private record Answer(HttpClientResponse head, Buffer body) {}

  /** One enrich call from queueing to its outcome. */
  private static final class Call {
    final EnrichRequest request;
    final Permit permit;
    final CompletableFuture<EnrichOutcome> future = new CompletableFuture<>();
    final AtomicBoolean done = new AtomicBoolean();
    volatile long startNanos;
    boolean probe; // guarded by lock
    long sequence; // guarded by lock
    // The exchange, touched only on the client's context.
    HttpClientRequest exchange;
    long deadlineTimer = -1;
    boolean timedOut;
    boolean exchangeOver;

    Call(EnrichRequest request, Permit permit) {
      this.request = request;
      this.permit = permit;
    }
  }
}
