package io.personenricher.app;

import io.personenricher.app.status.StatusPageAssets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint: {@code GET /health} (liveness), {@code GET /ready} (readiness), {@code
 * GET /metrics} (Prometheus text), and for a person the status page: {@code GET /} with its files
 * (see {@link StatusPageAssets}) and the JSON document it polls, {@code GET /status.json} (see
 * {@link io.personenricher.app.status.StatusDocument}). It knows nothing about Kafka: the
 * composition root supplies the checks (see {@link Probes}), the scrape and the status document, so
 * it is tested with plain suppliers.
 *
 * <p>Threading notes: requests are handled on a Vert.x event loop of the given {@link Vertx}; the
 * probe suppliers are called there and must not block (reading {@code KafkaStreams.state()} and a
 * halt flag is fine). The scrape and the status document are built on a worker thread. {@link
 * #start} and {@link #close} block the caller and must not be called from an event loop.
 */
public final class OpsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final int requestedPort;
  private final Supplier<ProbeStatus> liveness;
  private final Supplier<ProbeStatus> readiness;
  private final Supplier<String> metrics;
  private final Supplier<Map<String, Object>> status;
  private final StatusPageAssets assets = new StatusPageAssets();
  private volatile HttpServer server;

  /**
   * @param vertx owned by the caller, who closes it after this server
   * @param port TCP port; 0 picks a free one (see {@link #port()})
   * @param liveness answers {@code /health}
   * @param readiness answers {@code /ready}
   * @param metrics the Prometheus text exposition for {@code /metrics}
   * @param status the status document for {@code /status.json}
   */
  public OpsServer(
      Vertx vertx,
      int port,
      Supplier<ProbeStatus> liveness,
      Supplier<ProbeStatus> readiness,
      Supplier<String> metrics,
      Supplier<Map<String, Object>> status) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.requestedPort = port;
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.status = Objects.requireNonNull(status, "status");
  }

  /** Binds on all interfaces and returns the bound port; fails if the port is taken. */
  public int start(Duration timeout) {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> probe(ctx, liveness));
    router.get("/ready").handler(ctx -> probe(ctx, readiness));
    router
        .get("/metrics")
        .handler(ctx -> onWorker(ctx, metrics::get, METRICS_CONTENT_TYPE, "Metrics scrape"));
    router
        .get("/status.json")
        .handler(
            ctx ->
                onWorker(
                    ctx,
                    () -> new JsonObject(status.get()).encode(),
                    "application/json",
                    "Status document"));
    for (String path : assets.paths()) {
      StatusPageAssets.Asset asset = assets.get(path).orElseThrow();
      router
          .get(path)
          .handler(
              ctx ->
                  ctx.response()
                      .putHeader("Content-Type", asset.contentType())
                      .putHeader("Cache-Control", "no-cache")
                      .putHeader("X-Content-Type-Options", "nosniff")
                      .end(Buffer.buffer(asset.body())));
    }
    HttpServer started =
        await(
            vertx
                .createHttpServer()
                .requestHandler(router)
                .listen(requestedPort, "0.0.0.0")
                .toCompletionStage()
                .toCompletableFuture(),
            timeout,
            "start the ops HTTP server on port " + requestedPort);
    server = started;
    log.info(
        "Ops endpoint listening on port {}: / (status page) /health /ready /metrics /status.json",
        started.actualPort());
    return started.actualPort();
  }

  /** The bound port, once started. */
  public int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the ops server is not started");
    }
    return s.actualPort();
  }

  @Override
  public void close() {
    HttpServer s = server;
    if (s != null) {
      server = null;
      await(
          s.close().toCompletionStage().toCompletableFuture(),
          Duration.ofSeconds(5),
          "close the ops HTTP server");
    }
  }

  private static void probe(RoutingContext ctx, Supplier<ProbeStatus> check) {
    ProbeStatus status;
    try {
      status = check.get();
    } catch (RuntimeException e) {
      status = ProbeStatus.down("unknown", "the check failed: " + e, null);
    }
    ctx.response()
        .setStatusCode(status.ok() ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject(status.toJson()).encode());
  }

  /** Builds a body on a worker thread (a scrape walks every meter) and answers with it. */
  private void onWorker(
      RoutingContext ctx, Callable<String> body, String contentType, String what) {
    vertx
        .executeBlocking(body, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", contentType)
                    .putHeader("Cache-Control", "no-store")
                    .end(text))
        .onFailure(
            e -> {
              log.warn("{} failed", what, e);
              ctx.response()
                  .setStatusCode(500)
                  .putHeader("Content-Type", "text/plain")
                  .end(what + " failed: " + e);
            });
  }

  private static <T> T await(
      java.util.concurrent.CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Could not " + what + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + what, e);
    }
  }
}
