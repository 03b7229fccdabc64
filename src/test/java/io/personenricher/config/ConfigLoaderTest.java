package io.personenricher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.ClientSettings;
import io.personenricher.topology.RocksDbStoreOptions;
import io.personenricher.topology.TopicNames;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static EnricherConfig load(Map<String, String> env, Map<String, String> overrides) {
    return new ConfigLoader(env).load(null, overrides);
  }

  @Test
  void defaultsBuildTheDocumentedSlices() {
    EnricherConfig config = load(Map.of(), Map.of());

    assertThat(config.topicNames()).isEqualTo(TopicNames.defaults());
    assertThat(config.batchSettings()).isEqualTo(BatchSettings.defaults());
    assertThat(config.clientSettings("k"))
        .isEqualTo(ClientSettings.defaults(URI.create("https://api.crustdata.com"), "k"));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.stateDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "person-enricher"));
  }

  @Test
  void laterLayersWinFileThenEnvironmentThenOverrides() throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(
        file,
        """
        enricher.batch.linger.ms=500
        enricher.topic.input=from-file
        enricher.topic.enriched=from-file
        enricher.topic.unmatched=from-file
        """);
    Map<String, String> env =
        Map.of(
            "ENRICHER_TOPIC_ENRICHED", "from-env",
            "ENRICHER_TOPIC_UNMATCHED", "from-env",
            "PATH", "/usr/bin");

    EnricherConfig config =
        new ConfigLoader(env).load(file, Map.of("enricher.topic.unmatched", "from-cli"));

    assertThat(config.topicNames())
        .isEqualTo(new TopicNames("from-file", "from-env", "from-cli", "person.enrich.dlq"));
    assertThat(config.batchSettings().linger()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.describe())
        .contains("enricher.topic.input = from-file (file " + file + ")")
        .contains("enricher.topic.enriched = from-env (env ENRICHER_TOPIC_ENRICHED)")
        .contains("enricher.topic.unmatched = from-cli (--set)")
        .contains("enricher.topic.dead.letter = person.enrich.dlq (default)");
  }

  @Test
  void environmentVariablesMapToKeysByLowerCasingAndDots() {
    assertThat(
            ConfigLoader.environmentSettings(
                Map.of(
                    "ENRICHER_API_KEY", "secret",
                    "ENRICHER_KAFKA_NUM_STREAM_THREADS", "3",
                    "HOME", "/root")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "enricher.api.key", "secret",
                "enricher.kafka.num.stream.threads", "3"));
    assertThat(EnricherConfig.envName("enricher.api.rate.limit.requests"))
        .isEqualTo("ENRICHER_API_RATE_LIMIT_REQUESTS");
  }

  @Test
  void apiKeyComesFromTheEnvironmentAndIsRequiredForClientSettings() {
    assertThat(load(Map.of("ENRICHER_API_KEY", "abc"), Map.of()).clientSettings().apiKey())
        .isEqualTo("abc");

    assertThatThrownBy(() -> load(Map.of(), Map.of()).clientSettings())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("enricher.api.key is not set")
        .hasMessageContaining("ENRICHER_API_KEY");
  }

  @Test
  void outOfRangeValueNamesKeyValueOriginAndTheBound() {
    assertThatThrownBy(() -> load(Map.of("ENRICHER_BATCH_MAX_SIZE", "40"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "enricher.batch.max.size=40 (from env ENRICHER_BATCH_MAX_SIZE) is invalid: must be between 1 "
                + "and 25 (the API accepts at most 25 identifiers per request)");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(
                        "enricher.api.pool.size", "eight",
                        "enricher.processing.guarantee", "exactly_once",
                        "enricher.api.base.url", "api.crustdata.com",
                        "enricher.match.min.confidence", "1.5")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "enricher.api.base.url=api.crustdata.com (from --set) is invalid: must be an absolute http:// or "
                            + "https:// URL, e.g. https://host:port/path",
                        "enricher.api.pool.size=eight (from --set) is invalid: expected a whole number, e.g. the default 8",
                        "enricher.match.min.confidence=1.5 (from --set) is invalid: must be between 0.0 and 1.0 (a match "
                            + "score), or unset to accept every match",
                        "enricher.processing.guarantee=exactly_once (from --set) is invalid: must be one of "
                            + "exactly_once_v2, at_least_once"));
  }

  @Test
  void unknownEnricherKeyNamesTheClosestValidKey() {
    assertThatThrownBy(() -> load(Map.of("ENRICHER_BATCH_LINGER", "5"), Map.of()))
        .hasMessageContaining(
            "enricher.batch.linger (from env ENRICHER_BATCH_LINGER) is not a known setting")
        .hasMessageContaining("did you mean enricher.batch.linger.ms?");
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.topic.dlq", "x")))
        .hasMessageContaining("did you mean enricher.topic.input?");
  }

  @Test
  void keyWithoutTheEnricherPrefixPointsAtThePassThroughPrefix() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("linger.ms", "5")))
        .hasMessageContaining("linger.ms (from --set) is not a person-enricher setting")
        .hasMessageContaining("enricher.kafka.linger.ms");
  }

  @Test
  void backPressureBlockMustStayBelowTheConsumersPollInterval() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.backpressure.max.block.ms", "300000")))
        .hasMessageContaining(
            "enricher.backpressure.max.block.ms=300000 (from --set) is invalid: must be below "
                + "half the consumer's max.poll.interval.ms (300000)");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(
                        "enricher.backpressure.max.block.ms", "8000",
                        "enricher.processing.guarantee", "at_least_once",
                        "enricher.kafka.consumer.max.poll.interval.ms", "15000")))
        .hasMessageContaining("max.poll.interval.ms (15000)");

    EnricherConfig raised =
        load(
            Map.of(),
            Map.of(
                "enricher.backpressure.max.block.ms", "200000",
                "enricher.processing.guarantee", "at_least_once",
                "enricher.kafka.max.poll.interval.ms", "600000"));
    assertThat(raised.batchSettings().maxBlock()).isEqualTo(Duration.ofSeconds(200));
  }

  @Test
  void crossKeyRulesRejectBackoffPendingHeadroomAndEosInFlightConflicts() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.retry.initial.backoff.ms", "90000")))
        .hasMessageContaining("must not exceed enricher.retry.max.backoff.ms (60000)");
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.pending.max.per.task", "10")))
        .hasMessageContaining("must be at least enricher.batch.max.size (25)");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(
                        "enricher.api.rate.limit.requests",
                        "15",
                        "enricher.api.rate.limit.headroom",
                        "15")))
        .hasMessageContaining("must be below enricher.api.rate.limit.requests (15)");
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.batch.max.wait.ms", "100")))
        .hasMessageContaining("must be at least enricher.batch.linger.ms (300)");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of("enricher.kafka.producer.max.in.flight.requests.per.connection", "10")))
        .hasMessageContaining("exactly_once_v2 needs an idempotent producer");
  }

  @Test
  void theRateLimitIsAutoByDefaultAndANumberCapsIt() {
    assertThat(load(Map.of(), Map.of()).quotaSettings("i").cap()).isEmpty();
    assertThat(
            load(Map.of(), Map.of("enricher.api.rate.limit.requests", "40"))
                .quotaSettings("i")
                .cap())
        .contains(40);
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.api.rate.limit.requests", "lots")))
        .hasMessageContaining("must be auto or a number");
  }

  @Test
  void typedKeyAndItsPassThroughTwinTogetherAreAmbiguous() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of("ENRICHER_KAFKA_NUM_STREAM_THREADS", "2"),
                    Map.of("enricher.num.stream.threads", "3")))
        .hasMessageContaining(
            "enricher.kafka.num.stream.threads (from env ENRICHER_KAFKA_NUM_STREAM_THREADS) "
                + "duplicates enricher.num.stream.threads");
  }

  @Test
  void streamsPropertiesCombineTypedKeysDefaultsAndPassThrough() {
    EnricherConfig config =
        load(
            Map.of("ENRICHER_KAFKA_NUM_STREAM_THREADS", "3", "ENRICHER_KAFKA_POLL_MS", "5"),
            Map.of(
                "enricher.bootstrap.servers",
                "broker:9092",
                "enricher.processing.guarantee",
                "at_least_once",
                "enricher.state.dir",
                "/var/lib/enricher"));

    Properties props = config.streamsProperties();

    assertThat(props)
        .containsEntry("application.id", "person-enricher")
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("state.dir", "/var/lib/enricher")
        .containsEntry("num.stream.threads", "3")
        .containsEntry("poll.ms", "5")
        .containsEntry("producer.max.in.flight.requests.per.connection", "1");
    assertThat(
            load(Map.of("ENRICHER_KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd"), Map.of())
                .streamsProperties())
        .containsEntry("producer.compression.type", "zstd");
    assertThat(load(Map.of(), Map.of()).streamsProperties())
        .containsEntry("poll.ms", "20")
        .containsEntry("producer.batch.size", "262144")
        .containsEntry("producer.linger.ms", "5")
        .containsEntry("producer.compression.type", "lz4")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("num.stream.threads", "1")
        .containsEntry("processing.exception.handler.global.enabled", "true")
        .containsEntry("rocksdb.config.setter", RocksDbStoreOptions.class.getName());
    assertThat(
            load(Map.of("ENRICHER_KAFKA_ROCKSDB_CONFIG_SETTER", "com.example.Own"), Map.of())
                .streamsProperties())
        .containsEntry("rocksdb.config.setter", "com.example.Own");
  }

  @Test
  void serdeConfigCarriesRegistryUrlAndPassThrough() {
    EnricherConfig config =
        load(
            Map.of("ENRICHER_SERDE_BASIC_AUTH_USER_INFO", "u:p"),
            Map.of("enricher.schema.registry.url", "http://registry:8080/apis/ccompat/v7"));

    assertThat(config.serdeConfig())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "schema.registry.url", "http://registry:8080/apis/ccompat/v7",
                "basic.auth.user.info", "u:p"));
  }

  @Test
  void describeMasksSecretsButShowsEverythingElse() {
    EnricherConfig config =
        load(
            Map.of(
                "ENRICHER_API_KEY",
                "sk-live-123",
                "ENRICHER_SERDE_BASIC_AUTH_USER_INFO",
                "user:pw",
                "ENRICHER_KAFKA_SASL_JAAS_CONFIG",
                "jaas-secret",
                "ENRICHER_KAFKA_SSL_KEYSTORE_PASSWORD",
                "ks-secret"),
            Map.of("enricher.kafka.linger.ms", "7"));

    String described = String.join("\n", config.describe());

    assertThat(described)
        .doesNotContain("sk-live-123", "user:pw", "jaas-secret", "ks-secret")
        .contains("enricher.api.key = **** (env ENRICHER_API_KEY)")
        .contains("enricher.serde.basic.auth.user.info = ****")
        .contains("enricher.kafka.sasl.jaas.config = ****")
        .contains("enricher.kafka.ssl.keystore.password = ****")
        .contains("enricher.kafka.linger.ms = 7 (--set)")
        .contains("enricher.batch.max.size = 25 (default)");
  }

  @Test
  void invalidSecretIsNotEchoedInTheError() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of("enricher.api.key", "sk-live-1", "enricher.api.pool.size", "x")))
        .hasMessageNotContaining("sk-live-1");
  }

  @Test
  void blankOptionalValueMeansUnset() {
    EnricherConfig config =
        load(Map.of("ENRICHER_MATCH_MIN_CONFIDENCE", " ", "ENRICHER_API_KEY", ""), Map.of());

    assertThat(config.batchSettings().defaultMinConfidence()).isNull();
    assertThat(config.apiKey()).isEmpty();
    assertThat(
            load(Map.of(), Map.of("enricher.match.min.confidence", "0.8"))
                .batchSettings()
                .defaultMinConfidence())
        .isEqualTo(0.8);
  }

  @Test
  void answerCacheTtlOfZeroTurnsTheCacheOff() {
    assertThat(
            load(Map.of("ENRICHER_ANSWER_CACHE_TTL_MS", "0"), Map.of())
                .batchSettings()
                .answerCacheTtl())
        .isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> load(Map.of("ENRICHER_ANSWER_CACHE_TTL_MS", "-1"), Map.of()))
        .hasMessageContaining(
            "must be between 0 and 2592000000 (milliseconds; 0 turns the cache off)");
  }

  @Test
  void answersAreReusedApplicationWideForADayThroughTheApplicationsAnswersTopic() {
    EnricherConfig defaults = load(Map.of(), Map.of());

    assertThat(defaults.batchSettings().answerCacheTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.reuseSettings())
        .isEqualTo(
            new io.personenricher.reuse.ReuseSettings(
                io.personenricher.reuse.ReuseSettings.Scope.APPLICATION,
                "person-enricher-answers",
                Duration.ofMinutes(10),
                Duration.ofMillis(200)));
    assertThat(
            load(
                    Map.of(
                        "ENRICHER_ANSWER_REUSE_SCOPE", "task",
                        "ENRICHER_ANSWER_REUSE_CLAIM_LEASE_MS", "60000"),
                    Map.of())
                .reuseSettings())
        .satisfies(
            reuse -> {
              assertThat(reuse.applicationWide()).isFalse();
              assertThat(reuse.claimLease()).isEqualTo(Duration.ofMinutes(1));
            });
    assertThatThrownBy(() -> load(Map.of("ENRICHER_ANSWER_REUSE_SCOPE", "global"), Map.of()))
        .hasMessageContaining("enricher.answer.reuse.scope")
        .hasMessageContaining("must be one of application, task");
  }

  @Test
  void missingConfigFileIsAConfigError() {
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of()).load(dir.resolve("nope.properties"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("nope.properties does not exist");
  }

  @Test
  void backPressureBlockMustFitTheTransactionTimeoutAndThePollInterval() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("enricher.backpressure.max.block.ms", "6000")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("transaction.timeout.ms (10000)")
        .hasMessageContaining("enricher.kafka.producer.transaction.timeout.ms");

    assertThat(
            load(
                    Map.of(),
                    Map.of(
                        "enricher.backpressure.max.block.ms", "6000",
                        "enricher.kafka.producer.transaction.timeout.ms", "30000"))
                .batchSettings()
                .maxBlock())
        .isEqualTo(Duration.ofSeconds(6));
    assertThat(
            load(
                    Map.of(),
                    Map.of(
                        "enricher.backpressure.max.block.ms", "6000",
                        "enricher.processing.guarantee", "at_least_once"))
                .batchSettings()
                .maxBlock())
        .isEqualTo(Duration.ofSeconds(6));

    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(
                        "enricher.backpressure.max.block.ms", "160000",
                        "enricher.processing.guarantee", "at_least_once")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("half the consumer's max.poll.interval.ms (300000)");
  }
}
