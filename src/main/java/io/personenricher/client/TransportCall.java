package io.personenricher.client;

import io.personenricher.quota.Permit;
import io.vertx.core.http.HttpClientRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call of {@link VertxApiTransport} from queueing to its outcome.
 *
 * <p>Threading notes: {@code probe} and {@code sequence} are guarded by the transport's lock; the
 * HTTP exchange fields are touched only on the transport's Vert.x context; {@code done} makes the
 * completion happen once whichever thread gets there first.
 */
final class TransportCall<O> {
  final ApiExchange<O> exchange;
  final Permit permit;
  final CompletableFuture<O> future = new CompletableFuture<>();
  final AtomicBoolean done = new AtomicBoolean();
  volatile long startNanos;
  boolean probe;
  long sequence;
  HttpClientRequest request;
  long deadlineTimer = -1;
  boolean timedOut;
  boolean exchangeOver;

  TransportCall(ApiExchange<O> exchange, Permit permit) {
    this.exchange = exchange;
    this.permit = permit;
  }

  /** Completes the call once with a failure, bypassing the halt bookkeeping (halted out). */
  void fail(EnrichOutcome failure) {
    if (done.compareAndSet(false, true)) {
      future.complete(exchange.failed(failure));
    }
  }
}
