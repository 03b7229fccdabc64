package io.personenricher.metrics;

import io.personenricher.quota.Endpoint;
import java.time.Duration;

/**
 * The figures the processor and the client report. An interface so the topology stays free of any
 * metrics library; the composition root binds it to Prometheus.
 *
 * <p>Threading notes: implementations are called from stream threads and from HTTP I/O threads at
 * once, so they must be thread-safe and must never block.
 */
public interface EnricherMetrics {

  /** Which output an input event ended on. */
  enum Route {
    ENRICHED,
    UNMATCHED,
    DEAD_LETTER
  }

  /** Why a batch was sent when it was. */
  enum FlushReason {
    /** It reached the maximum batch size. */
    SIZE,
    /**
     * A partial batch past its linger, on a permit no full batch anywhere in the application
     * claimed (it would otherwise have gone unused).
     */
    SURPLUS,
    /** A partial batch whose oldest event waited {@code enricher.batch.max.wait.ms}. */
    MAX_WAIT,
    /** The processor is draining before shutdown. */
    SHUTDOWN,
    /** A retry of an earlier batch, or half of a bisected one. */
    RETRY
  }

  /** One record read from the input topic. */
  void recordIn(String topic);

  /** One output record forwarded; {@code endToEnd} is from the event time to now. */
  void recordOut(Route route, String topic, Duration endToEnd);

  /**
   * One dead letter, by its error class (e.g. {@code invalid_email}, {@code retries_exhausted}).
   */
  void recordDeadLetter(String errorClass);

  /**
   * A batch left the processor: {@code identifiers} distinct values sent, covering {@code events}
   * events.
   */
  void recordBatch(int identifiers, int events, FlushReason reason);

  /** A retriable failure will be retried, by reason code. */
  void recordRetry(String reason);

  /** The pending-store size of one task after its latest change. */
  void pendingEntries(String taskId, long entries);

  /** A request went on the wire; pair with {@link #recordResponse}. */
  void requestStarted();

  /**
   * A request finished: {@code status} is the HTTP status, or a transport failure code ({@code
   * timeout}, {@code connection_failed}).
   */
  void recordResponse(String status, Duration latency);

  /** The latest {@code x-ratelimit-remaining} and {@code x-ratelimit-limit} the API sent. */
  void quotaHeadroom(int remaining, int limit);

  /** Credits the API reported for one response ({@code x-credits-used}). */
  void recordCredits(double credits);

  /**
   * The same credits by endpoint (call it beside {@link #recordCredits}), so what search (0.03 per
   * result) and live enrich (7 per profile) cost shows apart from enrichment.
   *
   * @param endpoint the request path, e.g. {@code /person/search}
   */
  default void recordEndpointCredits(String endpoint, double credits) {}

  /**
   * The dead letter just written, for the status page's latest few (call it beside {@link
   * #recordDeadLetter}). Implementations mask {@code identifier} before they keep it and never
   * expose it whole.
   *
   * @param reason the {@code DeadLetterReason} symbol, e.g. {@code RETRIES_EXHAUSTED}
   * @param errorClass as in {@link #recordDeadLetter}
   * @param key the record key bytes (the caller's UTF-8 record id), or null
   * @param identifier the event's identifier, or null when the event could not be decoded
   */
  default void recordDeadLetterSample(
      String reason, String errorClass, byte[] key, String identifier) {}

  /**
   * A batch was sent (call it beside {@link #recordBatch}): how long its oldest event had waited
   * since it became eligible for batching (admitted, or released from behind an earlier event of
   * its key), retries included. Under a backlog this is the age of the backlog's head.
   */
  default void recordBatchWait(Duration oldestEventWait) {}

  /**
   * An event's share of its response's credits, by the route it ended on (call it when its output
   * is written): credits spent on events that end unmatched (every candidate below the threshold)
   * bought nothing.
   */
  default void recordRouteCredits(Route route, double credits) {}

  /** Whether the live enrich fallback is on (configured and not refused by the API). */
  default void liveEnrichEnabled(boolean enabled) {}

  /** A profile URL the index did not match was sent on to live enrich. */
  default void recordLiveFallback() {}

  /**
   * A search request ended.
   *
   * @param status {@code COMPLETED} or {@code FAILED}
   * @param people people it sent to enrichment
   */
  default void recordSearch(String status, int people) {}

  /** A search page was answered. */
  default void recordSearchPage() {}

  /**
   * An event was answered with a reused answer instead of a request.
   *
   * @param source {@code task} (this task's own answers) or {@code application} (the answer book,
   *     another task's answer)
   * @param endpoint the endpoint the answer came from
   * @param creditsSaved what the answer would have cost again, estimated from its matches and the
   *     request's {@code fields}
   */
  default void recordReuseHit(String source, Endpoint endpoint, double creditsSaved) {}

  /**
   * One scan's claims (application-wide reuse).
   *
   * @param written claims written to the answers topic (new ones and renewals)
   * @param waiting entries the scan left behind waiting on a claim (this task's, not yet in the
   *     answer book, or another task's)
   */
  default void recordClaims(int written, long waiting) {}

  /**
   * A task's own answer left memory before the answer book showed it (application-wide reuse): a
   * twin of it arriving before the book does may be paid for again.
   */
  default void recordUnseenAnswerDropped() {}

  /** A metrics sink that drops everything: for tests and tools that do not expose metrics. */
  EnricherMetrics NOOP =
      new EnricherMetrics() {
        @Override
        public void recordIn(String topic) {}

        @Override
        public void recordOut(Route route, String topic, Duration endToEnd) {}

        @Override
        public void recordDeadLetter(String errorClass) {}

        @Override
        public void recordBatch(int identifiers, int events, FlushReason reason) {}

        @Override
        public void recordRetry(String reason) {}

        @Override
        public void pendingEntries(String taskId, long entries) {}

        @Override
        public void requestStarted() {}

        @Override
        public void recordResponse(String status, Duration latency) {}

        @Override
        public void quotaHeadroom(int remaining, int limit) {}

        @Override
        public void recordCredits(double credits) {}
      };
}
