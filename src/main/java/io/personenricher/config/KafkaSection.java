package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.httpUrl;
import static io.personenricher.config.ConfigValidators.nonBlank;
import static io.personenricher.config.ConfigValidators.oneOf;
import static io.personenricher.config.EnricherConfig.KAFKA_PREFIX;
import static io.personenricher.config.EnricherConfig.SERDE_PREFIX;

import io.personenricher.topology.RocksDbStoreOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka and the schema registry: the typed keys Kafka Streams needs, and how they combine with the
 * {@code enricher.kafka.*} and {@code enricher.serde.*} pass-through into the Streams properties
 * and the serde settings.
 */
public final class KafkaSection extends ConfigSection {

  public static final String APPLICATION_ID = "enricher.application.id";
  public static final String BOOTSTRAP_SERVERS = "enricher.bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "enricher.schema.registry.url";
  public static final String PROCESSING_GUARANTEE = "enricher.processing.guarantee";
  public static final String STATE_DIR = "enricher.state.dir";
  public static final String NUM_STREAM_THREADS = "enricher.num.stream.threads";

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

  /**
   * Producer batch size unless overridden: 256 KiB instead of 16. With one request in flight a
   * request carries one batch per partition, and outputs (a kilobyte or more each) and the answer
   * cache's changelog filled 16 KiB batches within a dozen records, so a commit's flush queued a
   * dozen requests one behind the other while the stream thread waited.
   */
  static final String DEFAULT_PRODUCER_BATCH_SIZE = String.valueOf(256 * 1024);

  /**
   * Producer linger unless overridden: 5 ms instead of Kafka Streams' 100. Under exactly-once the
   * outputs become visible at the commit anyway; sending them as they come keeps the commit's
   * flush, which the stream thread waits for, down to what the last few milliseconds produced.
   */
  static final String DEFAULT_PRODUCER_LINGER_MS = "5";

  /**
   * Producer compression unless overridden: LZ4, for the outputs and the changelogs alike. An
   * enriched record is about 1.1 kB of Avro text (names, titles, addresses) and a stored answer's
   * changelog entry about 0.7 kB more; batches of them compress well. In the bench's recorded runs
   * (bench/results/2026-12-03-hot-path-6 and -7) LZ4 cut the bytes an event writes to the broker
   * from 2 049 to 633 on the API path and from 1 112 to 276 on a cache hit, for about 2 µs more
   * stream-thread CPU per cache hit.
   */
  static final String DEFAULT_PRODUCER_COMPRESSION = "lz4";

  @Override
  String group() {
    return "Kafka";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        APPLICATION_ID,
        Type.STRING,
        "person-enricher",
        nonBlank("the Kafka Streams application id"),
        Importance.HIGH,
        "Kafka Streams application.id: the consumer group, the prefix of internal topics and of the "
            + "transactional ids. Changing it starts from scratch (new group, empty state).",
        Width.MEDIUM,
        "Application id");
    keys.define(
        BOOTSTRAP_SERVERS,
        Type.STRING,
        "localhost:9092",
        nonBlank("host:port[,host:port...]"),
        Importance.HIGH,
        "Kafka brokers to bootstrap from (host:port, comma-separated). Security settings go through "
            + "enricher.kafka.* (e.g. enricher.kafka.security.protocol).",
        Width.LONG,
        "Bootstrap servers");
    keys.define(
        SCHEMA_REGISTRY_URL,
        Type.STRING,
        "http://localhost:8081/apis/ccompat/v7",
        httpUrl(),
        Importance.HIGH,
        "Base URL of a Confluent-API schema registry (Confluent SR, or Apicurio's /apis/ccompat/v7). "
            + "Credentials go through enricher.serde.* (e.g. enricher.serde.basic.auth.user.info).",
        Width.LONG,
        "Schema registry URL");
    keys.define(
        PROCESSING_GUARANTEE,
        Type.STRING,
        StreamsConfig.EXACTLY_ONCE_V2,
        oneOf(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
        Importance.HIGH,
        "exactly_once_v2 commits outputs, pending-store changes and input offsets in one transaction, so a "
            + "crash never duplicates or loses an output record (API calls may still repeat). at_least_once is "
            + "cheaper but may emit duplicates after a failure.",
        Width.SHORT,
        "Processing guarantee");
    keys.define(
        STATE_DIR,
        Type.STRING,
        null,
        null,
        Importance.MEDIUM,
        "Directory for local state (the pending store's RocksDB files). Use a persistent volume to avoid "
            + "restoring from the changelog on every restart.",
        Width.LONG,
        "State directory");
    keys.define(
        NUM_STREAM_THREADS,
        Type.INT,
        1,
        between(1, 64, "stream threads per instance"),
        Importance.MEDIUM,
        "Stream threads in this instance; each owns whole tasks (input partitions). Raise it only with more "
            + "partitions than instances: throughput is bounded by the API quota, not by threads.",
        Width.SHORT,
        "Stream threads");
  }

  @Override
  Map<String, String> displayDefaults() {
    return Map.of(STATE_DIR, "`<java.io.tmpdir>/person-enricher`");
  }

  @Override
  Map<String, String> passThroughTwins() {
    return Map.of(
        KAFKA_PREFIX + StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
        KAFKA_PREFIX + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS,
        KAFKA_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, PROCESSING_GUARANTEE,
        KAFKA_PREFIX + StreamsConfig.STATE_DIR_CONFIG, STATE_DIR,
        KAFKA_PREFIX + StreamsConfig.NUM_STREAM_THREADS_CONFIG, NUM_STREAM_THREADS,
        SERDE_PREFIX + "schema.registry.url", SCHEMA_REGISTRY_URL);
  }

  @Override
  void crossCheck(CrossCheck check) {
    if (!exactlyOnce(check)) {
      return;
    }
    for (String k :
        List.of(
            KAFKA_PREFIX + "max.in.flight.requests.per.connection",
            KAFKA_PREFIX + StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"))) {
      Object v = check.passThrough(k);
      if (v != null && CrossCheck.wholeNumber(v) > 5) {
        check.invalid(
            k,
            v,
            "exactly_once_v2 needs an idempotent producer, which allows at most 5 requests in"
                + " flight; use 1 to 5 or remove it");
      }
    }
  }

  /** True when the processing guarantee (as given, or its default) is exactly-once. */
  static boolean exactlyOnce(CrossCheck check) {
    return String.valueOf(check.value(PROCESSING_GUARANTEE))
        .toLowerCase(Locale.ROOT)
        .equals(StreamsConfig.EXACTLY_ONCE_V2);
  }

  static final String GLOBAL_PROCESSING_EXCEPTION_HANDLER =
      "processing.exception.handler.global.enabled";

  static Properties streamsProperties(EnricherConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(APPLICATION_ID));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.getString(BOOTSTRAP_SERVERS));
    props.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        config.getString(PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(config).toString());
    props.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(config.getInt(NUM_STREAM_THREADS)));
    props.put(StreamsConfig.POLL_MS_CONFIG, DEFAULT_POLL_MS);
    // The answer book is a global store: its processor never throws, and Kafka warns without this
    // (the key's constant is deprecated already: the handler is on by default from Kafka 5.0).
    props.put(GLOBAL_PROCESSING_EXCEPTION_HANDLER, "true");
    props.put(
        StreamsConfig.producerPrefix("max.in.flight.requests.per.connection"),
        DEFAULT_PRODUCER_MAX_IN_FLIGHT);
    props.put(StreamsConfig.producerPrefix("batch.size"), DEFAULT_PRODUCER_BATCH_SIZE);
    props.put(StreamsConfig.producerPrefix("linger.ms"), DEFAULT_PRODUCER_LINGER_MS);
    props.put(StreamsConfig.producerPrefix("compression.type"), DEFAULT_PRODUCER_COMPRESSION);
    props.put(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbStoreOptions.class.getName());
    props.putAll(kafkaPassThrough(config));
    return props;
  }

  static Map<String, Object> serdeConfig(EnricherConfig config) {
    Map<String, Object> serde = new LinkedHashMap<>();
    serde.put("schema.registry.url", config.getString(SCHEMA_REGISTRY_URL).trim());
    serde.putAll(config.originalsWithPrefix(SERDE_PREFIX, true));
    return serde;
  }

  static Map<String, String> kafkaPassThrough(EnricherConfig config) {
    Map<String, String> kafka = new TreeMap<>();
    config
        .originalsWithPrefix(KAFKA_PREFIX, true)
        .forEach((k, v) -> kafka.put(k, String.valueOf(v)));
    return kafka;
  }

  static Path stateDir(EnricherConfig config) {
    String dir = config.getString(STATE_DIR);
    return dir == null || dir.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "person-enricher")
        : Path.of(dir);
  }
}
