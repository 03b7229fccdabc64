package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.httpUrl;
import static io.personenricher.config.ConfigValidators.nonBlank;
import static io.personenricher.config.ConfigValidators.oneOf;
import static io.personenricher.config.ConfigValidators.optionalFraction;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.ClientSettings;
import io.personenricher.topology.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one definition of every person-enricher setting, and the typed slices the composition root
 * hands to each part: {@link #topicNames()}, {@link #batchSettings()}, {@link #clientSettings()},
 * {@link #streamsProperties()} and {@link #serdeConfig()}.
 *
 * <p>Keys are {@code enricher.*}. Two prefixes pass through untouched: {@code enricher.kafka.<key>}
 * becomes the Kafka Streams/client setting {@code <key>} (including Streams' {@code
 * consumer.}/{@code producer.} prefixes), and {@code enricher.serde.<key>} becomes the serde
 * setting {@code <key>}. Build an instance with {@link ConfigLoader} (defaults → file → environment
 * → CLI); the constructor validates everything and throws {@link InvalidConfigException} listing
 * every problem with its fix.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EnricherConfig extends AbstractConfig {

  public static final String PREFIX = "enricher.";

  /** Pass-through prefix for Kafka Streams, consumer, producer and admin settings. */
  public static final String KAFKA_PREFIX = PREFIX + "kafka.";

  /** Pass-through prefix for serde (schema registry client) settings. */
  public static final String SERDE_PREFIX = PREFIX + "serde.";

  // Topics
  public static final String TOPIC_INPUT = "enricher.topic.input";
  public static final String TOPIC_ENRICHED = "enricher.topic.enriched";
  public static final String TOPIC_UNMATCHED = "enricher.topic.unmatched";
  public static final String TOPIC_DEAD_LETTER = "enricher.topic.dead.letter";
  // Kafka
  public static final String APPLICATION_ID = "enricher.application.id";
  public static final String BOOTSTRAP_SERVERS = "enricher.bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "enricher.schema.registry.url";
  public static final String PROCESSING_GUARANTEE = "enricher.processing.guarantee";
  public static final String STATE_DIR = "enricher.state.dir";
  public static final String NUM_STREAM_THREADS = "enricher.num.stream.threads";
  // API
  public static final String API_BASE_URL = "enricher.api.base.url";
  public static final String API_KEY = "enricher.api.key";
  public static final String API_CONNECT_TIMEOUT_MS = "enricher.api.connect.timeout.ms";
  public static final String API_REQUEST_TIMEOUT_MS = "enricher.api.request.timeout.ms";
  public static final String API_POOL_SIZE = "enricher.api.pool.size";
  public static final String API_MAX_IN_FLIGHT = "enricher.api.max.in.flight";
  public static final String API_MAX_QUEUED = "enricher.api.max.queued";
  public static final String API_RATE_LIMIT_REQUESTS = "enricher.api.rate.limit.requests";
  public static final String API_RATE_LIMIT_WINDOW_MS = "enricher.api.rate.limit.window.ms";
  public static final String API_RATE_LIMIT_HEADROOM = "enricher.api.rate.limit.headroom";
  public static final String API_MAX_JITTER_MS = "enricher.api.max.jitter.ms";
  public static final String API_HALT_PROBE_INTERVAL_MS = "enricher.api.halt.probe.interval.ms";
  // Batching
  public static final String BATCH_MAX_SIZE = "enricher.batch.max.size";
  public static final String BATCH_LINGER_MS = "enricher.batch.linger.ms";
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
  // Operations
  public static final String HTTP_PORT = "enricher.http.port";
  public static final String SHUTDOWN_TIMEOUT_MS = "enricher.shutdown.timeout.ms";

  /**
   * Streams' {@code poll.ms} unless overridden: short, so wall-clock punctuation fires close to on
   * time.
   */
  static final String DEFAULT_POLL_MS = "20";

  /**
   * Producer in-flight requests unless overridden. Output rate is bounded by the API quota, so
   * pipelining buys nothing; one in flight is EOS-compatible and sidesteps KAFKA-15591
   * (idempotent-producer loss on fresh topics).
   */
  static final String DEFAULT_PRODUCER_MAX_IN_FLIGHT = "1";

  static final String GROUP_TOPICS = "Topics";
  static final String GROUP_KAFKA = "Kafka";
  static final String GROUP_API = "Crustdata API";
  static final String GROUP_BATCHING = "Batching and retries";
  static final String GROUP_OPS = "Operations";

  /** Defaults that are not a constant (or are absent) and are shown in words in the docs. */
  static final Map<String, String> DISPLAY_DEFAULTS =
      Map.of(
          STATE_DIR, "`<java.io.tmpdir>/person-enricher`",
          API_KEY, "none (required by `run`)",
          MATCH_MIN_CONFIDENCE, "none (accept every match)");

  /**
   * Typed keys that also exist as a Kafka/serde setting; setting both the typed key and its
   * pass-through twin is ambiguous and rejected.
   */
  static final Map<String, String> PASS_THROUGH_TWINS =
      Map.of(
          KAFKA_PREFIX + StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
          KAFKA_PREFIX + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS,
          KAFKA_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, PROCESSING_GUARANTEE,
          KAFKA_PREFIX + StreamsConfig.STATE_DIR_CONFIG, STATE_DIR,
          KAFKA_PREFIX + StreamsConfig.NUM_STREAM_THREADS_CONFIG, NUM_STREAM_THREADS,
          SERDE_PREFIX + "schema.registry.url", SCHEMA_REGISTRY_URL);

  private static final ConfigDef DEFINITION = buildDefinition();

  private final Map<String, String> origins;

  /**
   * Validates {@code values} (String or typed values, keyed {@code enricher.*}); the origin of each
   * is unknown.
   */
  public EnricherConfig(Map<String, ?> values) {
    this(values, Map.of());
  }

  /**
   * As above, with where each value came from ("file app.properties", "env ENRICHER_X", "--set")
   * for messages.
   */
  EnricherConfig(Map<String, ?> values, Map<String, String> origins) {
    super(DEFINITION, ConfigValidation.check(DEFINITION, values, origins), false);
    this.origins = Map.copyOf(origins);
  }

  /** A copy of the definition: the source of the docs table and of key names for tooling. */
  public static ConfigDef definition() {
    return new ConfigDef(DEFINITION);
  }

  /**
   * True for a setting whose value must never be printed: the API key, passwords, registry and SASL
   * secrets.
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    ConfigDef.ConfigKey def = DEFINITION.configKeys().get(key);
    return (def != null && def.type == Type.PASSWORD)
        || k.contains("password")
        || k.contains("secret")
        || k.contains("basic.auth.user.info")
        || k.contains("sasl.jaas.config")
        || k.endsWith(".api.key");
  }

  /** The env variable for a key: {@code enricher.foo.bar} ↔ {@code ENRICHER_FOO_BAR}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public TopicNames topicNames() {
    return new TopicNames(
        getString(TOPIC_INPUT),
        getString(TOPIC_ENRICHED),
        getString(TOPIC_UNMATCHED),
        getString(TOPIC_DEAD_LETTER));
  }

  public BatchSettings batchSettings() {
    return new BatchSettings(
        getInt(BATCH_MAX_SIZE),
        millis(BATCH_LINGER_MS),
        getInt(BATCH_MAX_IN_FLIGHT_PER_TASK),
        getInt(PENDING_MAX_PER_TASK),
        millis(BACKPRESSURE_MAX_BLOCK_MS),
        getInt(RETRY_MAX_ATTEMPTS),
        millis(RETRY_INITIAL_BACKOFF_MS),
        millis(RETRY_MAX_BACKOFF_MS),
        millis(RETRY_DEADLINE_MS),
        millis(PUNCTUATE_INTERVAL_MS),
        getBoolean(ORDER_PRESERVE_PER_KEY),
        getDouble(MATCH_MIN_CONFIDENCE),
        millis(ANSWER_CACHE_TTL_MS));
  }

  /**
   * The HTTP client's settings.
   *
   * @throws InvalidConfigException when {@code enricher.api.key} is not set (the real API rejects
   *     every call)
   */
  public ClientSettings clientSettings() {
    return clientSettings(requireApiKey());
  }

  /**
   * The client's settings with an explicit key, e.g. the demo's simulator key; every other knob
   * from config.
   */
  public ClientSettings clientSettings(String apiKey) {
    return new ClientSettings(
        URI.create(getString(API_BASE_URL).trim()),
        apiKey,
        millis(API_CONNECT_TIMEOUT_MS),
        millis(API_REQUEST_TIMEOUT_MS),
        getInt(API_POOL_SIZE),
        getInt(API_MAX_IN_FLIGHT),
        getInt(API_MAX_QUEUED),
        getInt(API_RATE_LIMIT_REQUESTS),
        millis(API_RATE_LIMIT_WINDOW_MS),
        getInt(API_RATE_LIMIT_HEADROOM),
        millis(API_MAX_JITTER_MS),
        millis(API_HALT_PROBE_INTERVAL_MS));
  }

  /** The API key when set and non-blank. */
  public Optional<String> apiKey() {
    Password key = getPassword(API_KEY);
    return key == null || key.value().isBlank() ? Optional.empty() : Optional.of(key.value());
  }

  /**
   * The API key, or a start-up error that says how to set it.
   *
   * @throws InvalidConfigException when it is missing
   */
  public String requireApiKey() {
    return apiKey()
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    API_KEY
                        + " is not set: export "
                        + envName(API_KEY)
                        + "=<your Crustdata API key> (or put it in the --config file); `run` calls the real API,"
                        + " which answers 401 without a key. `enricher demo` needs no key."));
  }

  /**
   * The complete Kafka Streams configuration: the typed Kafka keys, this processor's defaults
   * ({@code poll.ms} low for timely punctuation, one producer request in flight), then every {@code
   * enricher.kafka.*} setting with the prefix removed, which wins over the defaults.
   */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
    props.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        getString(PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(getInt(NUM_STREAM_THREADS)));
    props.put(StreamsConfig.POLL_MS_CONFIG, DEFAULT_POLL_MS);
    props.put(
        StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"),
        DEFAULT_PRODUCER_MAX_IN_FLIGHT);
    props.putAll(kafkaPassThrough());
    return props;
  }

  /**
   * Serde (schema registry client) settings: {@code schema.registry.url} plus every {@code
   * enricher.serde.*}.
   */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> serde = new LinkedHashMap<>();
    serde.put("schema.registry.url", getString(SCHEMA_REGISTRY_URL).trim());
    serde.putAll(originalsWithPrefix(SERDE_PREFIX, true));
    return serde;
  }

  /** The {@code enricher.kafka.*} settings with the prefix removed, as given. */
  public Map<String, String> kafkaPassThrough() {
    Map<String, String> kafka = new TreeMap<>();
    originalsWithPrefix(KAFKA_PREFIX, true).forEach((k, v) -> kafka.put(k, String.valueOf(v)));
    return kafka;
  }

  /** Where Kafka Streams keeps local state (RocksDB stores, checkpoints). */
  public Path stateDir() {
    String dir = getString(STATE_DIR);
    return dir == null || dir.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "person-enricher")
        : Path.of(dir);
  }

  /** Port of the /health, /ready and /metrics server; 0 picks a free port. */
  public int httpPort() {
    return getInt(HTTP_PORT);
  }

  /** Bound on a graceful shutdown (closing Kafka Streams, then the HTTP client). */
  public Duration shutdownTimeout() {
    return millis(SHUTDOWN_TIMEOUT_MS);
  }

  /**
   * The resolved configuration, one {@code key = value (origin)} line per setting in key order,
   * with secrets shown as {@code ****}: for the start-up log and {@code enricher config}.
   */
  public List<String> describe() {
    Map<String, String> lines = new TreeMap<>();
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      Object value = values().get(key.name);
      String shown =
          value == null ? "(unset)" : isSecret(key.name) ? "****" : String.valueOf(value);
      if (key.name.equals(STATE_DIR)) {
        shown = stateDir().toString();
      }
      lines.put(
          key.name,
          key.name + " = " + shown + " (" + origins.getOrDefault(key.name, "default") + ")");
    }
    originals()
        .forEach(
            (k, v) -> {
              if (k.startsWith(KAFKA_PREFIX) || k.startsWith(SERDE_PREFIX)) {
                String shown = isSecret(k) ? "****" : String.valueOf(v);
                lines.put(k, k + " = " + shown + " (" + origins.getOrDefault(k, "given") + ")");
              }
            });
    return new ArrayList<>(lines.values());
  }

  private Duration millis(String key) {
    return Duration.ofMillis(getLong(key));
  }

  private static ConfigDef buildDefinition() {
    ConfigDef def = new ConfigDef();
    int[] order = {0};
    // Topics
    def.define(
        TOPIC_INPUT,
        Type.STRING,
        "person.identifiers",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Input topic of identifier events (Avro IdentifierEvent). Its partition count bounds the useful "
            + "parallelism: replicas × stream threads beyond it sit idle.",
        GROUP_TOPICS,
        ++order[0],
        Width.MEDIUM,
        "Input topic");
    def.define(
        TOPIC_ENRICHED,
        Type.STRING,
        "person.enriched",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Output topic for identifiers that matched a person (Avro EnrichedPerson).",
        GROUP_TOPICS,
        ++order[0],
        Width.MEDIUM,
        "Enriched topic");
    def.define(
        TOPIC_UNMATCHED,
        Type.STRING,
        "person.unmatched",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Output topic for identifiers with no match at or above the confidence threshold (Avro "
            + "UnmatchedIdentifier).",
        GROUP_TOPICS,
        ++order[0],
        Width.MEDIUM,
        "Unmatched topic");
    def.define(
        TOPIC_DEAD_LETTER,
        Type.STRING,
        "person.enrich.dlq",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Dead-letter topic: events that cannot be enriched (invalid identifier, retries exhausted), with "
            + "source offset, error class and attempts (Avro DeadLetter). Alert on its rate.",
        GROUP_TOPICS,
        ++order[0],
        Width.MEDIUM,
        "Dead-letter topic");
    // Kafka
    order[0] = 0;
    def.define(
        APPLICATION_ID,
        Type.STRING,
        "person-enricher",
        nonBlank("the Kafka Streams application id"),
        Importance.HIGH,
        "Kafka Streams application.id: the consumer group, the prefix of internal topics and of the "
            + "transactional ids. Changing it starts from scratch (new group, empty state).",
        GROUP_KAFKA,
        ++order[0],
        Width.MEDIUM,
        "Application id");
    def.define(
        BOOTSTRAP_SERVERS,
        Type.STRING,
        "localhost:9092",
        nonBlank("host:port[,host:port...]"),
        Importance.HIGH,
        "Kafka brokers to bootstrap from (host:port, comma-separated). Security settings go through "
            + "enricher.kafka.* (e.g. enricher.kafka.security.protocol).",
        GROUP_KAFKA,
        ++order[0],
        Width.LONG,
        "Bootstrap servers");
    def.define(
        SCHEMA_REGISTRY_URL,
        Type.STRING,
        "http://localhost:8081/apis/ccompat/v7",
        httpUrl(),
        Importance.HIGH,
        "Base URL of a Confluent-API schema registry (Confluent SR, or Apicurio's /apis/ccompat/v7). "
            + "Credentials go through enricher.serde.* (e.g. enricher.serde.basic.auth.user.info).",
        GROUP_KAFKA,
        ++order[0],
        Width.LONG,
        "Schema registry URL");
    def.define(
        PROCESSING_GUARANTEE,
        Type.STRING,
        StreamsConfig.EXACTLY_ONCE_V2,
        oneOf(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
        Importance.HIGH,
        "exactly_once_v2 commits outputs, pending-store changes and input offsets in one transaction, so a "
            + "crash never duplicates or loses an output record (API calls may still repeat). at_least_once is "
            + "cheaper but may emit duplicates after a failure.",
        GROUP_KAFKA,
        ++order[0],
        Width.SHORT,
        "Processing guarantee");
    def.define(
        STATE_DIR,
        Type.STRING,
        null,
        Importance.MEDIUM,
        "Directory for local state (the pending store's RocksDB files). Use a persistent volume to avoid "
            + "restoring from the changelog on every restart.",
        GROUP_KAFKA,
        ++order[0],
        Width.LONG,
        "State directory");
    def.define(
        NUM_STREAM_THREADS,
        Type.INT,
        1,
        between(1, 64, "stream threads per instance"),
        Importance.MEDIUM,
        "Stream threads in this instance; each owns whole tasks (input partitions). Raise it only with more "
            + "partitions than instances: throughput is bounded by the API quota, not by threads.",
        GROUP_KAFKA,
        ++order[0],
        Width.SHORT,
        "Stream threads");
    // API
    order[0] = 0;
    def.define(
        API_BASE_URL,
        Type.STRING,
        "https://api.crustdata.com",
        httpUrl(),
        Importance.HIGH,
        "Root URL of the Person Enrich API; the client appends /person/enrich. Point it at `enricher "
            + "simulator` for local runs.",
        GROUP_API,
        ++order[0],
        Width.LONG,
        "API base URL");
    def.define(
        API_KEY,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        "API bearer token. Secret: masked in logs. Usually set as ENRICHER_API_KEY from a secret store. A "
            + "401/402/403 halts processing (readiness goes 503) instead of dead-lettering every record.",
        GROUP_API,
        ++order[0],
        Width.LONG,
        "API key");
    def.define(
        API_CONNECT_TIMEOUT_MS,
        Type.LONG,
        5_000L,
        between(1, 600_000, "milliseconds"),
        Importance.LOW,
        "TCP connect timeout to the API. A failed connect is retried with backoff.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Connect timeout");
    def.define(
        API_REQUEST_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        between(1, 600_000, "milliseconds"),
        Importance.MEDIUM,
        "Longest wait for a complete response; beyond it the call counts as a retriable failure. Raise it "
            + "only if the API's p99 latency approaches it.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Request timeout");
    def.define(
        API_POOL_SIZE,
        Type.INT,
        8,
        between(1, 256, "HTTP connections"),
        Importance.LOW,
        "HTTP/1.1 connections to the API host. Needs to cover only the requests the quota allows at once.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Connection pool size");
    def.define(
        API_MAX_IN_FLIGHT,
        Type.INT,
        16,
        between(1, 1024, "requests"),
        Importance.MEDIUM,
        "Requests on the wire at once across all stream threads of this instance. Bounds memory and the "
            + "burst the API sees.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Max requests in flight");
    def.define(
        API_MAX_QUEUED,
        Type.INT,
        256,
        between(0, 100_000, "requests"),
        Importance.LOW,
        "Requests that may wait inside the client for a quota permit or a connection; beyond it a request "
            + "is answered as retriable at once rather than queueing without bound.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Max queued requests");
    def.define(
        API_RATE_LIMIT_REQUESTS,
        Type.INT,
        15,
        between(1, 100_000, "requests per window"),
        Importance.HIGH,
        "Requests this instance may send per window. The API allows 15 per minute per key: with N replicas "
            + "sharing a key, set it to 15 / N (rounded down) so they never earn 429s.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Rate limit (requests)");
    def.define(
        API_RATE_LIMIT_WINDOW_MS,
        Type.LONG,
        60_000L,
        between(1, 86_400_000, "milliseconds"),
        Importance.MEDIUM,
        "The sliding window of the rate limit (60 s at the API). Shorter only against the simulator.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Rate-limit window");
    def.define(
        API_RATE_LIMIT_HEADROOM,
        Type.INT,
        0,
        between(0, 100_000, "requests"),
        Importance.LOW,
        "Stop sending when x-ratelimit-remaining falls to this value and wait for the reset, leaving room for "
            + "other users of the same key. Must be below the rate limit.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Rate-limit headroom");
    def.define(
        API_MAX_JITTER_MS,
        Type.LONG,
        1_000L,
        between(0, 600_000, "milliseconds"),
        Importance.LOW,
        "Upper bound of the random delay added to server-directed waits (429, quota reset), so replicas do "
            + "not retry in lockstep.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Max jitter");
    def.define(
        API_HALT_PROBE_INTERVAL_MS,
        Type.LONG,
        60_000L,
        between(1_000, 86_400_000, "milliseconds"),
        Importance.LOW,
        "While halted by 401/402/403, how often one probe request tests whether the condition cleared "
            + "(key fixed, credits bought); processing resumes on success.",
        GROUP_API,
        ++order[0],
        Width.SHORT,
        "Halt probe interval");
    // Batching
    order[0] = 0;
    def.define(
        BATCH_MAX_SIZE,
        Type.INT,
        25,
        between(1, 25, "the API accepts at most 25 identifiers per request"),
        Importance.MEDIUM,
        "Distinct identifiers per API request. 25 spends the per-request quota best; lower it only to cut "
            + "latency when the input is sparse.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Batch size");
    def.define(
        BATCH_LINGER_MS,
        Type.LONG,
        300L,
        between(0, 3_600_000, "milliseconds"),
        Importance.MEDIUM,
        "How long the oldest entry of a partial batch waits for company before the batch is sent. Raise it "
            + "to fill batches on a slow input (fewer requests per identifier); lower it for latency.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Linger");
    def.define(
        BATCH_MAX_IN_FLIGHT_PER_TASK,
        Type.INT,
        4,
        between(1, 1024, "requests"),
        Importance.LOW,
        "API requests one task may have outstanding (in flight or waiting to retry). Bounds what a single "
            + "hot partition can take of the instance's quota.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Max in flight per task");
    def.define(
        PENDING_MAX_PER_TASK,
        Type.INT,
        10_000,
        between(1, 10_000_000, "entries"),
        Importance.MEDIUM,
        "Entries a task holds in its pending store before back-pressure; at least the batch size. Bounds "
            + "state size and changelog restore time; raise it to absorb longer API slowdowns.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Max pending per task");
    def.define(
        BACKPRESSURE_MAX_BLOCK_MS,
        Type.LONG,
        2_000L,
        between(0, 3_600_000, "milliseconds"),
        Importance.LOW,
        "Longest a stream thread blocks, per punctuation cycle, waiting for API answers while its pending store "
            + "is full, before accepting records anyway: this is what slows intake to the API's pace. Must stay "
            + "below half the consumer's max.poll.interval.ms (300000 unless set through enricher.kafka.*) and, "
            + "under exactly-once, below half the producer's transaction.timeout.ms (10000 in Kafka Streams).",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Back-pressure max block");
    def.define(
        RETRY_MAX_ATTEMPTS,
        Type.INT,
        8,
        between(1, 1_000, "attempts"),
        Importance.MEDIUM,
        "API calls per event before a retriable failure (timeout, 429, 5xx) becomes a dead letter.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Retry attempts");
    def.define(
        RETRY_INITIAL_BACKOFF_MS,
        Type.LONG,
        1_000L,
        between(1, 3_600_000, "milliseconds"),
        Importance.LOW,
        "First retry delay; doubles per attempt, each delay drawn between half and all of it (jitter), up to the max backoff.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Initial backoff");
    def.define(
        RETRY_MAX_BACKOFF_MS,
        Type.LONG,
        60_000L,
        between(1, 86_400_000, "milliseconds"),
        Importance.LOW,
        "Cap of the retry delay; at least the initial backoff.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Max backoff");
    def.define(
        RETRY_DEADLINE_MS,
        Type.LONG,
        1_800_000L,
        between(1, 604_800_000, "milliseconds"),
        Importance.MEDIUM,
        "How long an event may keep retrying from its first attempt before it is dead-lettered, whatever the "
            + "attempt count. Bounds how stale an output can be.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Retry deadline");
    def.define(
        PUNCTUATE_INTERVAL_MS,
        Type.LONG,
        50L,
        between(1, 60_000, "milliseconds"),
        Importance.LOW,
        "How often the stream thread drains API responses and checks lingering batches. Lower means lower "
            + "latency and more wake-ups.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Punctuate interval");
    def.define(
        ORDER_PRESERVE_PER_KEY,
        Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "When true, an event's output waits until every earlier event with the same key has its output. "
            + "Turn it off if consumers do not care about per-key order, to cut tail latency behind retries.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Preserve per-key order");
    def.define(
        MATCH_MIN_CONFIDENCE,
        Type.DOUBLE,
        null,
        optionalFraction(),
        Importance.MEDIUM,
        "Minimum match score for events that carry none of their own; lower scores go to the unmatched "
            + "topic. Unset accepts every match the API returns.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Min match confidence");
    def.define(
        ANSWER_CACHE_TTL_MS,
        Type.LONG,
        3_600_000L,
        between(0, 2_592_000_000L, "milliseconds; 0 turns " + "the cache off"),
        Importance.MEDIUM,
        "How long an API answer is reused for the same identifier (and request options) instead of paying "
            + "credits and quota for it again; the cache is a changelogged store. Lower it when person data must "
            + "be fresher; 0 turns it off.",
        GROUP_BATCHING,
        ++order[0],
        Width.SHORT,
        "Answer cache TTL");
    // Operations
    order[0] = 0;
    def.define(
        HTTP_PORT,
        Type.INT,
        8080,
        between(0, 65_535, "a TCP port; 0 picks a free one"),
        Importance.MEDIUM,
        "Port of the operations endpoint: /health (liveness), /ready (readiness), /metrics (Prometheus).",
        GROUP_OPS,
        ++order[0],
        Width.SHORT,
        "Ops HTTP port");
    def.define(
        SHUTDOWN_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        between(1_000, 3_600_000, "milliseconds"),
        Importance.MEDIUM,
        "Bound on a graceful shutdown (SIGTERM): in-flight calls finish or stay pending for the next owner. "
            + "Keep Kubernetes' terminationGracePeriodSeconds above it.",
        GROUP_OPS,
        ++order[0],
        Width.SHORT,
        "Shutdown timeout");
    return def;
  }
}
