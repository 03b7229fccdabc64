package io.personenricher.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.serde.SchemaRegistryException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over the JDK
 * {@link HttpClient}. It uses only documented endpoints, so it works against Confluent Schema
 * Registry, Apicurio's ccompat API, Karapace and Redpanda. Serdes are synchronous, hence a blocking
 * client rather than Vert.x.
 *
 * <p>Ids are cached both ways (schema → id per subject, id → schema): a schema id never changes
 * meaning, so a cache entry never goes stale. Only successful answers are cached.
 *
 * <p>During an outage (unreachable, 5xx, refused credentials) calls fail fast for {@link
 * #FAIL_FAST} after each failure, so callers meet the outage at once rather than one timeout per
 * call.
 *
 * <p>Several base URLs may be given comma-separated (as Confluent's client allows); they are tried
 * in order when one is unreachable.
 *
 * <p>Threading notes: shared by all stream threads; the caches are concurrent maps and {@link
 * HttpClient} is thread-safe. Two threads missing the cache at once both call the registry, which
 * is harmless (registration is idempotent).
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /**
   * After the registry failed to answer (unreachable, 5xx, refused credentials), further calls fail
   * at once for this long instead of each waiting for the timeout: a stream thread that decodes
   * records with an uncached schema id must not block once per record during an outage.
   */
  public static final Duration FAIL_FAST = Duration.ofSeconds(1);

  /** Default per-request timeout; the connect timeout is the same. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final long failFastNanos;
  private volatile long failingUntilNanos;
  private volatile SchemaRegistryException lastOutage;

  /**
   * @param baseUrls one base URL or several comma-separated, e.g. {@code http://localhost:8081} or
   *     {@code http://127.0.0.1:8080/apis/ccompat/v7}
   * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, if the registry requires it
   * @param timeout connect and per-request timeout
   */
  public HttpSchemaRegistryClient(
      String baseUrls, Optional<String> basicAuthUserInfo, Duration timeout) {
    this(baseUrls, basicAuthUserInfo, timeout, FAIL_FAST);
  }

  /** As above, failing fast for {@code failFast} after an outage (tests use zero). */
  HttpSchemaRegistryClient(
      String baseUrls, Optional<String> basicAuthUserInfo, Duration timeout, Duration failFast) {
    this.baseUrls =
        Arrays.stream(Objects.requireNonNull(baseUrls, "baseUrls").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(HttpSchemaRegistryClient::withoutTrailingSlash)
            .toList();
    if (this.baseUrls.isEmpty()) {
      throw new IllegalArgumentException("schema registry URL is empty");
    }
    this.authorization =
        basicAuthUserInfo.map(
            info ->
                "Basic "
                    + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.timeout = timeout;
    this.failFastNanos = failFast.toNanos();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client without authentication and with {@link #DEFAULT_TIMEOUT}. */
  public HttpSchemaRegistryClient(String baseUrls) {
    this(baseUrls, Optional.empty(), DEFAULT_TIMEOUT);
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode body =
        call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
    int id = requiredInt(body, "id", subject);
    remember(subject, schema, id);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode body = call("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
    int id = requiredInt(body, "id", subject);
    remember(subject, schema, id);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode body = call("GET", "/schemas/ids/" + id, null, null);
    JsonNode text = body.get("schema");
    if (text == null || !text.isTextual()) {
      throw unexpected("response to GET /schemas/ids/" + id + " has no \"schema\" string: " + body);
    }
    String schemaType = body.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(schemaType)) {
      throw unexpected("schema id " + id + " is a " + schemaType + " schema, not Avro");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(
          Kind.UNEXPECTED_RESPONSE,
          "schema id " + id + " from " + location() + " is not valid Avro: " + e.getMessage(),
          200,
          -1,
          e);
    }
    schemasById.putIfAbsent(id, schema);
    return schemasById.get(id);
  }

  @Override
  public int latestId(String subject) {
    JsonNode body = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject);
    return requiredInt(body, "id", subject);
  }

  @Override
  public String location() {
    return String.join(",", baseUrls);
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String schemaBody(Schema schema) {
    // schemaType is omitted on purpose: AVRO is the default and older registries reject the field.
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private JsonNode call(String method, String path, String body, String subject) {
    SchemaRegistryException outage = lastOutage;
    if (outage != null && System.nanoTime() - failingUntilNanos < 0) {
      throw new SchemaRegistryException(
          outage.kind(),
          outage.getMessage() + " (not asked again yet: failing fast after an outage)",
          outage.httpStatus(),
          outage.errorCode(),
          outage);
    }
    try {
      JsonNode answer = callOnce(method, path, body, subject);
      lastOutage = null;
      return answer;
    } catch (SchemaRegistryException e) {
      if (RegistryOutage.isOutage(e.kind())) {
        lastOutage = e;
        failingUntilNanos = System.nanoTime() + failFastNanos;
      }
      throw e;
    }
  }

  private JsonNode callOnce(String method, String path, String body, String subject) {
    SchemaRegistryException unreachable = null;
    for (String base : baseUrls) {
      HttpResponse<String> response;
      URI uri = URI.create(base + path);
      try {
        response = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        unreachable =
            new SchemaRegistryException(
                Kind.UNREACHABLE,
                "Schema Registry unreachable at "
                    + base
                    + " ("
                    + method
                    + " "
                    + path
                    + "): "
                    + describe(e),
                -1,
                -1,
                e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            Kind.UNREACHABLE, "interrupted while calling Schema Registry at " + base, -1, -1, e);
      }
      return interpret(response, method, path, base, subject);
    }
    throw unreachable;
  }

  private HttpRequest request(String method, URI uri, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private JsonNode interpret(
      HttpResponse<String> response, String method, String path, String base, String subject) {
    int status = response.statusCode();
    JsonNode json = parse(response.body());
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    int errorCode = json == null ? -1 : json.path("error_code").asInt(-1);
    String registryMessage =
        json == null ? abbreviate(response.body()) : json.path("message").asText("");
    String where =
        " (" + method + " " + base + path + ", HTTP " + status + ", error_code " + errorCode + ")";
    Kind kind = classify(status, errorCode, path);
    String message =
        switch (kind) {
          case INCOMPATIBLE_SCHEMA ->
              "Schema is incompatible with subject '" + subject + "': " + registryMessage;
          case INVALID_SCHEMA -> "Schema Registry rejected the schema: " + registryMessage;
          case UNKNOWN_SCHEMA_ID -> "Unknown schema id: " + registryMessage;
          case UNKNOWN_SUBJECT -> "Unknown subject '" + subject + "': " + registryMessage;
          case SCHEMA_NOT_REGISTERED ->
              "Schema is not registered under subject '"
                  + subject
                  + "' (auto.register.schemas=false needs it registered beforehand): "
                  + registryMessage;
          case AUTHENTICATION ->
              "Schema Registry refused the credentials (set basic.auth.user.info=user:password): "
                  + registryMessage;
          default -> "Unexpected Schema Registry response: " + registryMessage;
        };
    throw new SchemaRegistryException(kind, message + where, status, errorCode, null);
  }

  private static Kind classify(int status, int errorCode, String path) {
    if (status == 401 || status == 403) {
      return Kind.AUTHENTICATION;
    }
    if (status == 409) {
      return Kind.INCOMPATIBLE_SCHEMA;
    }
    if (status == 422) {
      return Kind.INVALID_SCHEMA;
    }
    if (status == 404) {
      if (errorCode == 40401) {
        return Kind.UNKNOWN_SUBJECT;
      }
      if (path.startsWith("/schemas/ids/")) {
        return Kind.UNKNOWN_SCHEMA_ID;
      }
      if (errorCode == 40403) {
        return Kind.SCHEMA_NOT_REGISTERED;
      }
    }
    return Kind.UNEXPECTED_RESPONSE;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private int requiredInt(JsonNode body, String field, String subject) {
    JsonNode value = body.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw unexpected(
          "response for subject '" + subject + "' has no integer \"" + field + "\": " + body);
    }
    return value.intValue();
  }

  private SchemaRegistryException unexpected(String detail) {
    return new SchemaRegistryException(
        Kind.UNEXPECTED_RESPONSE,
        "Unexpected Schema Registry response from " + location() + ": " + detail);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (message == null && e.getCause() != null) {
      message = e.getCause().toString();
    }
    return message == null ? type : type + ": " + message;
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
