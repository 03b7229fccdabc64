package io.personenricher.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde settings, read from the same keys Confluent's Avro serdes use, so a configuration
 * written for {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} works unchanged here
 * and vice versa.
 *
 * @param registryUrl {@code schema.registry.url}: one or more comma-separated base URLs, or {@code
 *     mock://scope} for the in-memory registry; null when not configured
 * @param autoRegisterSchemas {@code auto.register.schemas} (default true): register the writer
 *     schema; when false the schema must already be registered and is only looked up
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, from {@code
 *     basic.auth.user.info} (source USER_INFO) or from the URL's user-info part (source URL)
 * @param specificAvroReader {@code specific.avro.reader} (default false): deserialize into
 *     generated classes instead of {@code GenericRecord}
 * @param requestTimeout {@code schema.registry.request.timeout.ms} (default 10000; not a Confluent
 *     key)
 */
public record AvroSerdeConfig(
    String registryUrl,
    boolean autoRegisterSchemas,
    Optional<String> basicAuthUserInfo,
    boolean specificAvroReader,
    Duration requestTimeout) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /**
   * Parses a Kafka-style config map; fails with a {@link ConfigException} naming the key and the
   * fix.
   */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    // The URL may be absent when the serde was given a client directly; createClient() then insists
    // on it.
    Object rawUrl = configs.get(SCHEMA_REGISTRY_URL);
    String url = rawUrl == null || rawUrl.toString().isBlank() ? null : rawUrl.toString().trim();
    checkSubjectStrategy(configs, KEY_SUBJECT_NAME_STRATEGY);
    checkSubjectStrategy(configs, VALUE_SUBJECT_NAME_STRATEGY);

    Optional<String> userInfo = Optional.empty();
    Object userInfoValue = configs.get(BASIC_AUTH_USER_INFO);
    Object sourceValue = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
    // Confluent's default source is URL; a user who sets only basic.auth.user.info clearly means
    // USER_INFO.
    String source =
        sourceValue != null
            ? sourceValue.toString().trim().toUpperCase(Locale.ROOT)
            : (userInfoValue != null ? "USER_INFO" : "URL");
    switch (source) {
      case "USER_INFO" -> {
        if (userInfoValue == null || userInfoValue.toString().isBlank()) {
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE
                  + "=USER_INFO needs "
                  + BASIC_AUTH_USER_INFO
                  + "=user:password");
        }
        userInfo = Optional.of(userInfoValue.toString());
      }
      case "URL" -> {
        if (url != null && !InMemorySchemaRegistry.isMockUrl(url)) {
          String first = url.split(",")[0].trim();
          String fromUrl = URI.create(first).getRawUserInfo();
          if (fromUrl != null) {
            userInfo =
                Optional.of(
                    java.net.URLDecoder.decode(fromUrl, java.nio.charset.StandardCharsets.UTF_8));
            url = stripUserInfo(url);
          }
        }
      }
      default ->
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE
                  + "="
                  + source
                  + " is not supported; use USER_INFO (with "
                  + BASIC_AUTH_USER_INFO
                  + "=user:password) or URL");
    }
    return new AvroSerdeConfig(
        url,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        userInfo,
        bool(configs, SPECIFIC_AVRO_READER, false),
        Duration.ofMillis(longValue(configs, REQUEST_TIMEOUT_MS, 10_000L)));
  }

  /**
   * Builds the registry client this configuration selects (in-memory for {@code mock://}, else
   * HTTP).
   */
  public SchemaRegistryClient createClient() {
    if (registryUrl == null) {
      throw new ConfigException(
          SCHEMA_REGISTRY_URL
              + " is required for the Avro serde (e.g. http://localhost:8081, or mock://some-scope in tests)");
    }
    if (InMemorySchemaRegistry.isMockUrl(registryUrl)) {
      return InMemorySchemaRegistry.forUrl(registryUrl);
    }
    return new HttpSchemaRegistryClient(registryUrl, basicAuthUserInfo, requestTimeout);
  }

  /** Masks the password, for logs. */
  @Override
  public String toString() {
    return "AvroSerdeConfig[registryUrl="
        + registryUrl
        + ", autoRegisterSchemas="
        + autoRegisterSchemas
        + ", basicAuth="
        + (basicAuthUserInfo.isPresent() ? "****" : "none")
        + ", specificAvroReader="
        + specificAvroReader
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static void checkSubjectStrategy(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      return;
    }
    String name = value instanceof Class<?> c ? c.getName() : value.toString();
    if (!name.endsWith("TopicNameStrategy")) {
      throw new ConfigException(
          key
              + "="
              + name
              + " is not supported: this serde uses TopicNameStrategy (<topic>-key / <topic>-value)");
    }
  }

  private static String stripUserInfo(String urls) {
    StringBuilder out = new StringBuilder();
    for (String part : urls.split(",")) {
      URI uri = URI.create(part.trim());
      String rebuilt =
          uri.getRawUserInfo() == null
              ? part.trim()
              : part.trim().replace(uri.getRawUserInfo() + "@", "");
      out.append(out.length() == 0 ? "" : ",").append(rebuilt);
    }
    return out.toString();
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "expected true or false");
  }

  private static long longValue(Map<String, ?> configs, String key, long defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a number of milliseconds");
    }
  }
}
