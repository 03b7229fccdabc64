package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.personenricher.serde.SchemaRegistryException.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against a stub Confluent-API server (JDK HttpServer) that records every request.
 */
class HttpSchemaRegistryClientTest {

  /** One request as the stub saw it. */
  record Seen(String method, String path, String authorization, String contentType, String body) {}

  private HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String responseBody = "{\"id\": 7}";

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] body = responseBody.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  @Test
  void serdeSendsBasicAuthFromUserInfoAndTheRegistryContentType() {
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, baseUrl());
    config.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
    config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-enricher:s3cr:et");
    ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(config, false);

    byte[] bytes = serializer.serialize("contacts", SerdeTestData.contact("Jane"));

    assertThat(ConfluentWireFormat.schemaId("contacts", bytes)).isEqualTo(7);
    assertThat(seen).hasSize(1);
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/contacts-value/versions");
    assertThat(request.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("svc-enricher:s3cr:et".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).contains("\"schema\"").contains("io.personenricher.test");
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndStrippedFromTheUrl() {
    AvroSerdeConfig config =
        AvroSerdeConfig.from(
            Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                "http://bob:pw@127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7"));

    config.createClient().register("s-value", SerdeTestData.CONTACT_V1);

    assertThat(config.registryUrl()).doesNotContain("bob");
    assertThat(seen.get(0).authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withoutCredentialsNoAuthorizationHeaderIsSent() {
    new HttpSchemaRegistryClient(baseUrl()).register("s-value", SerdeTestData.CONTACT_V1);

    assertThat(seen.get(0).authorization()).isNull();
  }

  @Test
  void idsAreCachedBothWaysAfterOneRegistration() {
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(baseUrl());

    int first = client.register("s-value", SerdeTestData.CONTACT_V1);
    int second = client.register("s-value", SerdeTestData.CONTACT_V1);
    var schema = client.getById(7);

    assertThat(first).isEqualTo(7);
    assertThat(second).isEqualTo(7);
    assertThat(schema).isEqualTo(SerdeTestData.CONTACT_V1);
    assertThat(seen).hasSize(1);
  }

  @Test
  void schemaByIdIsFetchedOnceAndThenCached() {
    responseBody = "{\"schema\": " + quoted(SerdeTestData.CONTACT_V1.toString()) + "}";
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(baseUrl());

    assertThat(client.getById(3)).isEqualTo(SerdeTestData.CONTACT_V1);
    assertThat(client.getById(3)).isEqualTo(SerdeTestData.CONTACT_V1);
    assertThat(seen).extracting(Seen::path).containsExactly("/apis/ccompat/v7/schemas/ids/3");
  }

  @Test
  void lookupPostsToTheSubjectWithoutVersions() {
    responseBody =
        "{\"subject\": \"s-value\", \"id\": 9, \"version\": 1, \"schema\": \"\\\"string\\\"\"}";

    int id = new HttpSchemaRegistryClient(baseUrl()).lookup("s-value", SerdeTestData.CONTACT_V1);

    assertThat(id).isEqualTo(9);
    assertThat(seen.get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/s-value");
  }

  @Test
  void conflictBecomesIncompatibleSchemaQuotingTheRegistryMessage() {
    status = 409;
    responseBody =
        "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}";

    assertThatThrownBy(
            () ->
                new HttpSchemaRegistryClient(baseUrl())
                    .register("s-value", SerdeTestData.CONTACT_V1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE_SCHEMA);
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.getMessage())
                  .contains("subject 's-value'")
                  .contains("Schema being registered is incompatible");
            });
  }

  @Test
  void unknownIdUnknownSubjectAndAuthFailuresAreTyped() {
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(baseUrl());
    status = 404;
    responseBody = "{\"error_code\": 40403, \"message\": \"Schema 42 not found\"}";
    assertThatThrownBy(() -> client.getById(42))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SCHEMA_ID))
        .hasMessageContaining("Schema 42 not found");

    responseBody = "{\"error_code\": 40401, \"message\": \"Subject 'x' not found.\"}";
    assertThatThrownBy(() -> client.latestId("x"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SUBJECT));

    responseBody = "{\"error_code\": 40403, \"message\": \"Schema not found\"}";
    assertThatThrownBy(() -> client.lookup("x", SerdeTestData.CONTACT_V1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_NOT_REGISTERED));

    status = 401;
    responseBody = "{\"error_code\": 401, \"message\": \"Unauthorized\"}";
    assertThatThrownBy(() -> client.register("x", SerdeTestData.CONTACT_V1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
        .hasMessageContaining("basic.auth.user.info");
  }

  @Test
  void unreachableRegistryIsReportedWithItsUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(url, Optional.empty(), Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.register("s-value", SerdeTestData.CONTACT_V1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
        .hasMessageContaining("Schema Registry unreachable at " + url);
  }

  @Test
  void aSecondUrlIsTriedWhenTheFirstIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient("http://127.0.0.1:" + closedPort + "," + baseUrl());

    assertThat(client.register("s-value", SerdeTestData.CONTACT_V1)).isEqualTo(7);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void afterAnOutageFurtherCallsFailAtOnceWithoutAskingTheRegistry() {
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(baseUrl(), Optional.empty(), Duration.ofSeconds(5));
    status = 503;
    responseBody = "{\"error_code\": 50301, \"message\": \"overloaded\"}";

    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.UNEXPECTED_RESPONSE));
    status = 200;
    assertThatThrownBy(() -> client.getById(2))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.getMessage()).contains("failing fast"));

    assertThat(seen).hasSize(1);
  }

  @Test
  void aDataErrorDoesNotMakeLaterCallsFailFast() {
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(baseUrl(), Optional.empty(), Duration.ofSeconds(5));
    status = 404;
    responseBody = "{\"error_code\": 40403, \"message\": \"Schema not found\"}";
    assertThatThrownBy(() -> client.getById(1)).isInstanceOf(SchemaRegistryException.class);

    status = 200;
    responseBody = "{\"schema\": \"\\\"string\\\"\"}";

    assertThat(client.getById(2).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
    assertThat(seen).hasSize(2);
  }

  @Test
  void onceTheFailFastWindowHasPassedTheRegistryIsAskedAgain() {
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(
            baseUrl(), Optional.empty(), Duration.ofSeconds(5), Duration.ZERO);
    status = 503;
    responseBody = "{}";
    assertThatThrownBy(() -> client.getById(1)).isInstanceOf(SchemaRegistryException.class);

    status = 200;
    responseBody = "{\"schema\": \"\\\"string\\\"\"}";

    assertThat(client.getById(1).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
  }
}
