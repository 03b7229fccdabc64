package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.oneOf;
import static io.personenricher.config.ConfigValidators.optionalFraction;
import static io.personenricher.config.EnricherConfig.KAFKA_PREFIX;

import io.personenricher.batching.BatchSettings;
import io.personenricher.reuse.ReuseSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The enrichment processor: batch size and linger, per-task bounds and back-pressure, retries, key
 * order, the match threshold and answer reuse; builds {@link BatchSettings} and {@link
 * ReuseSettings}.
 */
public final class BatchingSection extends ConfigSection {

  public static final String BATCH_MAX_SIZE = "enricher.batch.max.size";
  public static final String BATCH_LINGER_MS = "enricher.batch.linger.ms";
  public static final String BATCH_MAX_WAIT_MS = "enricher.batch.max.wait.ms";
  public static final String BATCH_MAX_IN_FLIGHT_PER_TASK = "enricher.batch.max.in.flight.per.task";
  public static final String PENDING_MAX_PER_TASK = "enricher.pending.max.per.task";
  public static final String BACKPRESSURE_MAX_BLOCK_MS = "enricher.backpressure.max.block.ms";
  public static final String RETRY_MAX_ATTEMPTS = "enricher.retry.max.attempts";
  public static final String RETRY_INITIAL_BACKOFF_MS = "enricher.retry.initial.backoff.ms";
  public static final String RETRY_MAX_BACKOFF_MS = "enricher.retry.max.backoff.ms";
  public static final String RETRY_DEADLINE_MS = "enricher.retry.deadline.ms";
  public static final String PUNCTUATE_INTERVAL_MS = "enricher.punctuate.interval.ms";
  public static final String ORDER_PRESERVE_PER_KEY = "enricher.order.preserve.per.key";
  public static final String MATCH_MIN_CONFIDENCE = "enricher.match.min.confidence";
  public static final String ANSWER_CACHE_TTL_MS = "enricher.answer.cache.ttl.ms";
  public static final String ANSWER_REUSE_SCOPE = "enricher.answer.reuse.scope";
  public static final String ANSWER_REUSE_CLAIM_LEASE_MS = "enricher.answer.reuse.claim.lease.ms";
  public static final String ANSWER_REUSE_RECHECK_MS = "enricher.answer.reuse.recheck.ms";

  /**
   * A day: the API's profiles are refreshed at least every 30 days and the most active ones daily
   * (spec §6), so an answer younger than a day is as fresh as the API's own copy for nearly every
   * person, and a CRM re-syncing the same people within the day pays once.
   */
  static final long DEFAULT_ANSWER_TTL_MS = Duration.ofHours(24).toMillis();

  /** The consumer's own default; Kafka Streams 4.x does not override it. */
  static final long CONSUMER_DEFAULT_MAX_POLL_INTERVAL_MS = 300_000L;

  /**
   * Kafka Streams sets the producer's transaction.timeout.ms to 10 s under exactly-once unless
   * overridden.
   */
  static final long STREAMS_EOS_DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000L;

  @Override
  String group() {
    return "Batching and retries";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        BATCH_MAX_SIZE,
        Type.INT,
        25,
        between(1, 25, "the API accepts at most 25 identifiers per request"),
        Importance.MEDIUM,
        "Distinct identifiers per API request. 25 spends the per-request quota best; lower it only to cut "
            + "latency when the input is sparse.",
        Width.SHORT,
        "Batch size");
    keys.define(
        BATCH_LINGER_MS,
        Type.LONG,
        300L,
        between(0, 3_600_000, "milliseconds"),
        Importance.MEDIUM,
        "The least time the oldest entry of a partial batch waits for company: before it, a partial batch"
            + " takes no permit. After it, a partial batch goes only on a permit no full batch anywhere in"
            + " the application claimed (so it costs nothing), until enricher.batch.max.wait.ms. It"
            + " counts time in which the task took in input: a record that comes after the stream"
            + " thread left the task alone for two punctuation intervals, at least 100 ms (e.g. while it opened"
            + " another task's stores at start-up) starts it again, once per batch.",
        Width.SHORT,
        "Linger");
    keys.define(
        BATCH_MAX_WAIT_MS,
        Type.LONG,
        60_000L,
        between(0, 86_400_000, "milliseconds"),
        Importance.MEDIUM,
        "The longest the oldest entry of a partial batch waits before its batch takes the next permit"
            + " like a full one. The trade: a longer wait means fewer requests (fuller batches, more of"
            + " the quota for full ones) under a backlog; a shorter one fresher output. At least the linger.",
        Width.SHORT,
        "Max wait");
    keys.define(
        BATCH_MAX_IN_FLIGHT_PER_TASK,
        Type.INT,
        4,
        between(1, 1024, "requests"),
        Importance.LOW,
        "API requests one task may have outstanding (in flight or waiting to retry). Bounds what a single "
            + "hot partition can take of the instance's quota.",
        Width.SHORT,
        "Max in flight per task");
    keys.define(
        PENDING_MAX_PER_TASK,
        Type.INT,
        10_000,
        between(1, 10_000_000, "entries"),
        Importance.MEDIUM,
        "Entries a task holds in its pending store before back-pressure; at least the batch size. Bounds "
            + "state size and changelog restore time; raise it to absorb longer API slowdowns.",
        Width.SHORT,
        "Max pending per task");
    keys.define(
        BACKPRESSURE_MAX_BLOCK_MS,
        Type.LONG,
        2_000L,
        between(0, 3_600_000, "milliseconds"),
        Importance.LOW,
        "Longest a stream thread blocks, per punctuation cycle, waiting for API answers while its pending store "
            + "is full, before accepting records anyway: this is what slows intake to the API's pace. Must stay "
            + "below half the consumer's max.poll.interval.ms (300000 unless set through enricher.kafka.*) and, "
            + "under exactly-once, below half the producer's transaction.timeout.ms (10000 in Kafka Streams).",
        Width.SHORT,
        "Back-pressure max block");
    keys.define(
        RETRY_MAX_ATTEMPTS,
        Type.INT,
        8,
        between(1, 1_000, "attempts"),
        Importance.MEDIUM,
        "API calls per event before a retriable failure (timeout, 429, 5xx) becomes a dead letter.",
        Width.SHORT,
        "Retry attempts");
    keys.define(
        RETRY_INITIAL_BACKOFF_MS,
        Type.LONG,
        1_000L,
        between(1, 3_600_000, "milliseconds"),
        Importance.LOW,
        "First retry delay; doubles per attempt, each delay drawn between half and all of it (jitter), up to the max backoff.",
        Width.SHORT,
        "Initial backoff");
    keys.define(
        RETRY_MAX_BACKOFF_MS,
        Type.LONG,
        60_000L,
        between(1, 86_400_000, "milliseconds"),
        Importance.LOW,
        "Cap of the retry delay; at least the initial backoff.",
        Width.SHORT,
        "Max backoff");
    keys.define(
        RETRY_DEADLINE_MS,
        Type.LONG,
        1_800_000L,
        between(1, 604_800_000, "milliseconds"),
        Importance.MEDIUM,
        "How long an event may keep retrying from its first attempt before it is dead-lettered, whatever the "
            + "attempt count. Bounds how stale an output can be.",
        Width.SHORT,
        "Retry deadline");
    keys.define(
        PUNCTUATE_INTERVAL_MS,
        Type.LONG,
        50L,
        between(1, 60_000, "milliseconds"),
        Importance.LOW,
        "How often the stream thread drains API responses and checks lingering batches. Lower means lower "
            + "latency and more wake-ups.",
        Width.SHORT,
        "Punctuate interval");
    keys.define(
        ORDER_PRESERVE_PER_KEY,
        Type.BOOLEAN,
        true,
        null,
        Importance.MEDIUM,
        "When true, an event's output waits until every earlier event with the same key has its output. "
            + "Turn it off if consumers do not care about per-key order, to cut tail latency behind retries.",
        Width.SHORT,
        "Preserve per-key order");
    keys.define(
        MATCH_MIN_CONFIDENCE,
        Type.DOUBLE,
        null,
        optionalFraction(),
        Importance.MEDIUM,
        "Minimum match score for events that carry none of their own; lower scores go to the unmatched "
            + "topic. Unset accepts every match the API returns.",
        Width.SHORT,
        "Min match confidence");
    keys.define(
        ANSWER_CACHE_TTL_MS,
        Type.LONG,
        DEFAULT_ANSWER_TTL_MS,
        between(0, 2_592_000_000L, "milliseconds; 0 turns " + "the cache off"),
        Importance.MEDIUM,
        "How long an API answer is reused for the same identifier (and request options) instead of paying "
            + "credits and quota for it again. A day by default: the API refreshes its profiles at least "
            + "every 30 days and the most active ones daily, so a younger answer is as fresh as the API's "
            + "own copy for nearly everyone. Lower it when person data must be fresher; 0 turns reuse off.",
        Width.SHORT,
        "Answer cache TTL");
    keys.define(
        ANSWER_REUSE_SCOPE,
        Type.STRING,
        "application",
        oneOf("application", "task"),
        Importance.MEDIUM,
        "Where answers are reused. application: an identifier is paid for once in the whole application"
            + " within the TTL, whatever partition or instance its twins are on (answers go to the internal"
            + " topic <application.id>-answers, read back by every instance into a global store; a new"
            + " identifier is claimed there first, which costs about one commit interval of latency)."
            + " task: each task reuses its own answers only (no topic, no claims: the lowest latency, but"
            + " twins on other partitions are paid again).",
        Width.SHORT,
        "Answer reuse scope");
    keys.define(
        ANSWER_REUSE_CLAIM_LEASE_MS,
        Type.LONG,
        ReuseSettings.DEFAULT_CLAIM_LEASE.toMillis(),
        between(1_000, 86_400_000, "milliseconds"),
        Importance.LOW,
        "How long a task's claim on an identifier keeps its twins elsewhere waiting for its answer"
            + " (scope application). The claimant renews it while the identifier waits to be sent; a claim"
            + " whose owner died ends after this, and a waiting twin claims the identifier itself.",
        Width.SHORT,
        "Claim lease");
    keys.define(
        ANSWER_REUSE_RECHECK_MS,
        Type.LONG,
        ReuseSettings.DEFAULT_RECHECK.toMillis(),
        between(1, 60_000, "milliseconds"),
        Importance.LOW,
        "How soon a group whose entries wait on a claim (the task's own, not yet confirmed, or another"
            + " task's) is looked at again (scope application). Only while such entries exist.",
        Width.SHORT,
        "Claim recheck");
  }

  @Override
  Map<String, String> displayDefaults() {
    return Map.of(MATCH_MIN_CONFIDENCE, "none (accept every match)");
  }

  @Override
  void crossCheck(CrossCheck check) {
    long maxWait = check.number(BATCH_MAX_WAIT_MS);
    long linger = check.number(BATCH_LINGER_MS);
    if (maxWait < linger) {
      check.invalid(
          BATCH_MAX_WAIT_MS,
          maxWait,
          "must be at least "
              + BATCH_LINGER_MS
              + " ("
              + linger
              + "); raise it or lower the linger");
    }
    long maxBlock = check.number(BACKPRESSURE_MAX_BLOCK_MS);
    // Streams polls again once half of max.poll.interval.ms has passed in its processing loop; a
    // block of up to maxBlock can come on top of that.
    long maxPoll =
        check.passThroughMillis(
            CONSUMER_DEFAULT_MAX_POLL_INTERVAL_MS,
            KAFKA_PREFIX + StreamsConfig.mainConsumerPrefix("max.poll.interval.ms"),
            KAFKA_PREFIX + StreamsConfig.consumerPrefix("max.poll.interval.ms"),
            KAFKA_PREFIX + "max.poll.interval.ms");
    if (maxPoll > 0 && maxBlock >= maxPoll / 2) {
      check.invalid(
          BACKPRESSURE_MAX_BLOCK_MS,
          maxBlock,
          "must be below half the consumer's max.poll.interval.ms ("
              + maxPoll
              + "), or a blocked stream thread is evicted from the group; lower it or raise "
              + KAFKA_PREFIX
              + "max.poll.interval.ms");
    }
    long transactionTimeout =
        check.passThroughMillis(
            STREAMS_EOS_DEFAULT_TRANSACTION_TIMEOUT_MS,
            KAFKA_PREFIX + StreamsConfig.producerPrefix("transaction.timeout.ms"),
            KAFKA_PREFIX + "transaction.timeout.ms");
    if (KafkaSection.exactlyOnce(check) && maxBlock >= transactionTimeout / 2) {
      check.invalid(
          BACKPRESSURE_MAX_BLOCK_MS,
          maxBlock,
          "under exactly_once_v2 it must be below half the producer's transaction.timeout.ms ("
              + transactionTimeout
              + "), or a transaction left open while blocking is aborted and the task fenced;"
              + " lower it or raise "
              + KAFKA_PREFIX
              + "producer.transaction.timeout.ms");
    }
    long initial = check.number(RETRY_INITIAL_BACKOFF_MS);
    long max = check.number(RETRY_MAX_BACKOFF_MS);
    if (initial > max) {
      check.invalid(
          RETRY_INITIAL_BACKOFF_MS,
          initial,
          "must not exceed "
              + RETRY_MAX_BACKOFF_MS
              + " ("
              + max
              + "); lower it or raise "
              + RETRY_MAX_BACKOFF_MS);
    }
    long batch = check.number(BATCH_MAX_SIZE);
    long pending = check.number(PENDING_MAX_PER_TASK);
    if (pending < batch) {
      check.invalid(
          PENDING_MAX_PER_TASK,
          pending,
          "must be at least " + BATCH_MAX_SIZE + " (" + batch + "), or a full batch never forms");
    }
  }

  static ReuseSettings reuseSettings(EnricherConfig config) {
    return new ReuseSettings(
        ReuseSettings.Scope.parse(config.getString(ANSWER_REUSE_SCOPE)),
        ReuseSettings.topicOf(config.getString(KafkaSection.APPLICATION_ID)),
        millis(config, ANSWER_REUSE_CLAIM_LEASE_MS),
        millis(config, ANSWER_REUSE_RECHECK_MS));
  }

  static BatchSettings batchSettings(EnricherConfig config) {
    return new BatchSettings(
        config.getInt(BATCH_MAX_SIZE),
        millis(config, BATCH_LINGER_MS),
        config.getInt(BATCH_MAX_IN_FLIGHT_PER_TASK),
        config.getInt(PENDING_MAX_PER_TASK),
        millis(config, BACKPRESSURE_MAX_BLOCK_MS),
        config.getInt(RETRY_MAX_ATTEMPTS),
        millis(config, RETRY_INITIAL_BACKOFF_MS),
        millis(config, RETRY_MAX_BACKOFF_MS),
        millis(config, RETRY_DEADLINE_MS),
        millis(config, PUNCTUATE_INTERVAL_MS),
        config.getBoolean(ORDER_PRESERVE_PER_KEY),
        config.getDouble(MATCH_MIN_CONFIDENCE),
        millis(config, ANSWER_CACHE_TTL_MS),
        millis(config, BATCH_MAX_WAIT_MS),
        QuotaSection.endpoints(config));
  }
}
