package io.personenricher.batching;

import java.time.Duration;
import java.util.Objects;

/**
 * The enrichment processor's knobs, validated by the config layer.
 *
 * @param maxBatchSize distinct identifiers per API request, 1 to 25; 25 spends the quota best
 * @param linger the least time the oldest entry of a partial batch waits for company: before it, a
 *     partial batch takes no permit at all
 * @param maxWait the longest the oldest entry of a partial batch waits; past it the batch takes the
 *     next permit like a full one. Before it, a partial batch goes only on a permit that would
 *     otherwise go unused. The trade: fewer requests against fresher output
 * @param maxInFlightPerTask API requests a single task may have outstanding (in flight or waiting
 *     to retry)
 * @param maxPendingPerTask entries a task holds in its pending store before it applies
 *     back-pressure
 * @param maxBlock longest a stream thread blocks for back-pressure per punctuation cycle before
 *     accepting records anyway; keep it under half of {@code max.poll.interval.ms} and of the
 *     transaction timeout
 * @param maxAttempts API calls per event before a retriable failure becomes a dead letter
 * @param initialBackoff first retry delay; doubles per attempt, drawn between half and all of it
 *     (jitter)
 * @param maxBackoff cap of the retry delay
 * @param retryDeadline how long an event may keep retrying, counted from its first attempt
 * @param punctuateInterval how often the stream thread drains responses and checks lingering
 *     batches
 * @param preserveKeyOrder when true, an event waits until every earlier event with the same key has
 *     its output
 * @param defaultMinConfidence threshold for events that carry none; null accepts every match
 * @param answerCacheTtl how long an API answer is reused for the same identifier and request
 *     options instead of paying for it again; zero turns the cache off
 * @param endpoints which endpoint each identifier kind is sent to
 */
public record BatchSettings(
    int maxBatchSize,
    Duration linger,
    int maxInFlightPerTask,
    int maxPendingPerTask,
    Duration maxBlock,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration retryDeadline,
    Duration punctuateInterval,
    boolean preserveKeyOrder,
    Double defaultMinConfidence,
    Duration answerCacheTtl,
    Duration maxWait,
    EndpointRouting endpoints) {

  /** The settings with the default max wait (one minute) and both kinds on /person/enrich. */
  public BatchSettings(
      int maxBatchSize,
      Duration linger,
      int maxInFlightPerTask,
      int maxPendingPerTask,
      Duration maxBlock,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration retryDeadline,
      Duration punctuateInterval,
      boolean preserveKeyOrder,
      Double defaultMinConfidence,
      Duration answerCacheTtl) {
    this(
        maxBatchSize,
        linger,
        maxInFlightPerTask,
        maxPendingPerTask,
        maxBlock,
        maxAttempts,
        initialBackoff,
        maxBackoff,
        retryDeadline,
        punctuateInterval,
        preserveKeyOrder,
        defaultMinConfidence,
        answerCacheTtl,
        Duration.ofMinutes(1),
        EndpointRouting.defaults());
  }

  public BatchSettings {
    if (maxBatchSize < 1 || maxBatchSize > 25) {
      throw new IllegalArgumentException(
          "maxBatchSize must be within [1, 25], got " + maxBatchSize);
    }
    if (maxInFlightPerTask < 1) {
      throw new IllegalArgumentException("maxInFlightPerTask must be at least 1");
    }
    if (maxPendingPerTask < maxBatchSize) {
      throw new IllegalArgumentException("maxPendingPerTask must be at least maxBatchSize");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(maxBlock, "maxBlock");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(retryDeadline, "retryDeadline");
    Objects.requireNonNull(punctuateInterval, "punctuateInterval");
    Objects.requireNonNull(answerCacheTtl, "answerCacheTtl");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(endpoints, "endpoints");
    if (maxWait.compareTo(linger) < 0) {
      throw new IllegalArgumentException("maxWait must be at least the linger");
    }
  }

  /** The documented defaults. */
  public static BatchSettings defaults() {
    return new BatchSettings(
        25,
        Duration.ofMillis(300),
        4,
        10_000,
        Duration.ofSeconds(2),
        8,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(30),
        Duration.ofMillis(50),
        true,
        null,
        Duration.ofHours(24));
  }

  /** The same settings with another answer-cache time-to-live (zero turns the cache off). */
  public BatchSettings withAnswerCacheTtl(Duration ttl) {
    return new BatchSettings(
        maxBatchSize,
        linger,
        maxInFlightPerTask,
        maxPendingPerTask,
        maxBlock,
        maxAttempts,
        initialBackoff,
        maxBackoff,
        retryDeadline,
        punctuateInterval,
        preserveKeyOrder,
        defaultMinConfidence,
        ttl,
        maxWait,
        endpoints);
  }
}
