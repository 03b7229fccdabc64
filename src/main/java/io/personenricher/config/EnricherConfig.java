package io.personenricher.config;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.ClientSettings;
import io.personenricher.credits.BudgetSettings;
import io.personenricher.quota.QuotaSettings;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every person-enricher setting, and the typed slices the composition root hands to each part:
 * {@link #topicNames()}, {@link #batchSettings()}, {@link #clientSettings()}, {@link
 * #streamsProperties()} and {@link #serdeConfig()}.
 *
 * <p>Keys are {@code enricher.*}. Two prefixes pass through untouched: {@code enricher.kafka.<key>}
 * becomes the Kafka Streams/client setting {@code <key>} (including Streams' {@code
 * consumer.}/{@code producer.} prefixes), and {@code enricher.serde.<key>} becomes the serde
 * setting {@code <key>}. Build an instance with {@link ConfigLoader} (defaults → file → environment
 * → CLI); the constructor validates everything and throws {@link InvalidConfigException} listing
 * every problem with its fix.
 *
 * <p>This class is a facade over the sections, one class per table of the docs ({@link
 * TopicSection}, {@link KafkaSection}, {@link ApiSection}, {@link QuotaSection}, {@link
 * BatchingSection}, {@link CreditsSection}, {@link SearchSection}, {@link OperationsSection}); each
 * defines its keys (name, type, default, validator, docs), the rules between them, and builds its
 * typed slice. The key constants below re-export theirs so callers keep naming keys as {@code
 * EnricherConfig.TOPIC_INPUT}.
 *
 * <p>To add a section: write {@code final class FooSection extends ConfigSection} with its key
 * constants, {@code group()} (the docs heading), {@code define(SectionKeys)} (its keys in docs
 * order), if needed {@code displayDefaults()}, {@code passThroughTwins()} and {@code
 * crossCheck(CrossCheck)}, and a static method that builds its settings record from an {@code
 * EnricherConfig}; then add it to {@link #SECTIONS} (its place there is its place in the docs) and
 * a one-line accessor here ({@code public FooSettings fooSettings() { return
 * FooSection.fooSettings(this); }}). Callers name its keys through the section class ({@code
 * FooSection.FOO_X}). Regenerate the README table ({@link ConfigDocs}) afterwards.
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
  public static final String TOPIC_INPUT = TopicSection.TOPIC_INPUT;
  public static final String TOPIC_ENRICHED = TopicSection.TOPIC_ENRICHED;
  public static final String TOPIC_UNMATCHED = TopicSection.TOPIC_UNMATCHED;
  public static final String TOPIC_DEAD_LETTER = TopicSection.TOPIC_DEAD_LETTER;
  // Kafka
  public static final String APPLICATION_ID = KafkaSection.APPLICATION_ID;
  public static final String BOOTSTRAP_SERVERS = KafkaSection.BOOTSTRAP_SERVERS;
  public static final String SCHEMA_REGISTRY_URL = KafkaSection.SCHEMA_REGISTRY_URL;
  public static final String PROCESSING_GUARANTEE = KafkaSection.PROCESSING_GUARANTEE;
  public static final String STATE_DIR = KafkaSection.STATE_DIR;
  public static final String NUM_STREAM_THREADS = KafkaSection.NUM_STREAM_THREADS;
  // API
  public static final String API_BASE_URL = ApiSection.API_BASE_URL;
  public static final String API_KEY = ApiSection.API_KEY;
  public static final String API_CONNECT_TIMEOUT_MS = ApiSection.API_CONNECT_TIMEOUT_MS;
  public static final String API_REQUEST_TIMEOUT_MS = ApiSection.API_REQUEST_TIMEOUT_MS;
  public static final String API_POOL_SIZE = ApiSection.API_POOL_SIZE;
  public static final String API_MAX_IN_FLIGHT = ApiSection.API_MAX_IN_FLIGHT;
  public static final String API_MAX_QUEUED = ApiSection.API_MAX_QUEUED;
  public static final String API_RATE_LIMIT_REQUESTS = QuotaSection.API_RATE_LIMIT_REQUESTS;
  public static final String API_RATE_LIMIT_WINDOW_MS = QuotaSection.API_RATE_LIMIT_WINDOW_MS;
  public static final String API_RATE_LIMIT_HEADROOM = QuotaSection.API_RATE_LIMIT_HEADROOM;
  public static final String API_MAX_JITTER_MS = QuotaSection.API_MAX_JITTER_MS;
  public static final String API_HALT_PROBE_INTERVAL_MS = ApiSection.API_HALT_PROBE_INTERVAL_MS;
  public static final String QUOTA_COORDINATION = QuotaSection.QUOTA_COORDINATION;
  public static final String API_ENDPOINT_BUSINESS_EMAIL = QuotaSection.API_ENDPOINT_BUSINESS_EMAIL;
  public static final String API_ENDPOINT_PROFILE_URL = QuotaSection.API_ENDPOINT_PROFILE_URL;
  // Batching
  public static final String BATCH_MAX_SIZE = BatchingSection.BATCH_MAX_SIZE;
  public static final String BATCH_LINGER_MS = BatchingSection.BATCH_LINGER_MS;
  public static final String BATCH_MAX_WAIT_MS = BatchingSection.BATCH_MAX_WAIT_MS;
  public static final String BATCH_MAX_IN_FLIGHT_PER_TASK =
      BatchingSection.BATCH_MAX_IN_FLIGHT_PER_TASK;
  public static final String PENDING_MAX_PER_TASK = BatchingSection.PENDING_MAX_PER_TASK;
  public static final String BACKPRESSURE_MAX_BLOCK_MS = BatchingSection.BACKPRESSURE_MAX_BLOCK_MS;
  public static final String RETRY_MAX_ATTEMPTS = BatchingSection.RETRY_MAX_ATTEMPTS;
  public static final String RETRY_INITIAL_BACKOFF_MS = BatchingSection.RETRY_INITIAL_BACKOFF_MS;
  public static final String RETRY_MAX_BACKOFF_MS = BatchingSection.RETRY_MAX_BACKOFF_MS;
  public static final String RETRY_DEADLINE_MS = BatchingSection.RETRY_DEADLINE_MS;
  public static final String PUNCTUATE_INTERVAL_MS = BatchingSection.PUNCTUATE_INTERVAL_MS;
  public static final String ORDER_PRESERVE_PER_KEY = BatchingSection.ORDER_PRESERVE_PER_KEY;
  public static final String MATCH_MIN_CONFIDENCE = BatchingSection.MATCH_MIN_CONFIDENCE;
  public static final String ANSWER_CACHE_TTL_MS = BatchingSection.ANSWER_CACHE_TTL_MS;
  // Cost control
  public static final String CREDITS_BUDGET = CreditsSection.CREDITS_BUDGET;
  public static final String CREDITS_BUDGET_PERIOD = CreditsSection.CREDITS_BUDGET_PERIOD;
  // Operations
  public static final String HTTP_PORT = OperationsSection.HTTP_PORT;
  public static final String SHUTDOWN_TIMEOUT_MS = OperationsSection.SHUTDOWN_TIMEOUT_MS;

  /** Every section, in the order of the docs. */
  static final List<ConfigSection> SECTIONS =
      List.of(
          new TopicSection(),
          new KafkaSection(),
          new ApiSection(),
          new QuotaSection(),
          new BatchingSection(),
          new CreditsSection(),
          new SearchSection(),
          new OperationsSection());

  private static final ConfigDef DEFINITION = buildDefinition();

  /** Defaults that are not a constant (or are absent) and are shown in words in the docs. */
  static final Map<String, String> DISPLAY_DEFAULTS = collect(ConfigSection::displayDefaults);

  /**
   * Typed keys that also exist as a Kafka/serde setting; setting both the typed key and its
   * pass-through twin is ambiguous and rejected.
   */
  static final Map<String, String> PASS_THROUGH_TWINS = collect(ConfigSection::passThroughTwins);

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
    super(DEFINITION, ConfigValidation.check(DEFINITION, SECTIONS, values, origins), false);
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
    return TopicSection.topicNames(this);
  }

  public BatchSettings batchSettings() {
    return BatchingSection.batchSettings(this);
  }

  /** The search processor's settings, or empty when searches are not taken. */
  public Optional<io.personenricher.search.SearchSettings> searchSettings() {
    return SearchSection.searchSettings(this);
  }

  /** The search requests topic ({@code enricher.topic.search.requests}). */
  public String searchRequestsTopic() {
    return SearchSection.requestsTopic(this);
  }

  /** The search results topic ({@code enricher.topic.search.results}). */
  public String searchResultsTopic() {
    return SearchSection.resultsTopic(this);
  }

  /**
   * Whether unmatched profile URLs go on to live enrich ({@code enricher.live.enrich.unmatched}).
   */
  public boolean liveEnrichUnmatched() {
    return SearchSection.liveEnrichUnmatched(this);
  }

  /** How far answers are reused, and the answers topic ({@code <application.id>-answers}). */
  public ReuseSettings reuseSettings() {
    return BatchingSection.reuseSettings(this);
  }

  /** How this instance shares the API key's permits; {@code instanceId} names it in the ledger. */
  public QuotaSettings quotaSettings(String instanceId) {
    return QuotaSection.quotaSettings(this, instanceId);
  }

  /** True when instances share the key's permits through the ledger topic (the default). */
  public boolean quotaThroughKafka() {
    return QuotaSection.coordinatedThroughKafka(this);
  }

  public ClientSettings clientSettings() {
    return clientSettings(requireApiKey());
  }

  /** The credit budget per period, if any, and how reservations live. */
  public BudgetSettings budgetSettings() {
    return CreditsSection.budgetSettings(this);
  }

  /**
   * The client's settings with an explicit key, e.g. the demo's simulator key; every other knob
   * from config.
   */
  public ClientSettings clientSettings(String apiKey) {
    return ApiSection.clientSettings(this, apiKey);
  }

  /** The API key when set and non-blank. */
  public Optional<String> apiKey() {
    return ApiSection.apiKey(this);
  }

  /**
   * The API key, or a start-up error that says how to set it.
   *
   * @throws InvalidConfigException when it is missing
   */
  public String requireApiKey() {
    return ApiSection.requireApiKey(this);
  }

  /**
   * The complete Kafka Streams configuration: the typed Kafka keys, this processor's defaults
   * ({@code poll.ms} low for timely punctuation; one producer request in flight, large batches, a
   * short linger), then every {@code enricher.kafka.*} setting with the prefix removed, which wins
   * over the defaults.
   */
  public Properties streamsProperties() {
    return KafkaSection.streamsProperties(this);
  }

  /**
   * Serde (schema registry client) settings: {@code schema.registry.url} plus every {@code
   * enricher.serde.*}.
   */
  public Map<String, Object> serdeConfig() {
    return KafkaSection.serdeConfig(this);
  }

  /** The {@code enricher.kafka.*} settings with the prefix removed, as given. */
  public Map<String, String> kafkaPassThrough() {
    return KafkaSection.kafkaPassThrough(this);
  }

  /** Where Kafka Streams keeps local state (RocksDB stores, checkpoints). */
  public Path stateDir() {
    return KafkaSection.stateDir(this);
  }

  /** Port of the /health, /ready and /metrics server; 0 picks a free port. */
  public int httpPort() {
    return OperationsSection.httpPort(this);
  }

  /** Bound on a graceful shutdown (closing Kafka Streams, then the HTTP client). */
  public Duration shutdownTimeout() {
    return OperationsSection.shutdownTimeout(this);
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

  private static ConfigDef buildDefinition() {
    ConfigDef def = new ConfigDef();
    for (ConfigSection section : SECTIONS) {
      section.define(new SectionKeys(def, section.group()));
    }
    return def;
  }

  private static Map<String, String> collect(
      Function<ConfigSection, Map<String, String>> perSection) {
    Map<String, String> all = new HashMap<>();
    SECTIONS.forEach(section -> all.putAll(perSection.apply(section)));
    return Map.copyOf(all);
  }
}
