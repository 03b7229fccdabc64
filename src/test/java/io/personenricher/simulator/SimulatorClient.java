package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JDK HTTP client for the simulator's endpoints, as a caller of the real API would use it:
 * Bearer key, version header, JSON. For the client-style tests of each endpoint.
 */
final class SimulatorClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final CrustdataSimulator simulator;
  private final String key;

  SimulatorClient(CrustdataSimulator simulator, String key) {
    this.simulator = simulator;
    this.key = key;
  }

  /** This client with another key (null: no authorization header). */
  SimulatorClient as(String otherKey) {
    return new SimulatorClient(simulator, otherKey);
  }

  HttpResponse<String> post(SimulatedEndpoint endpoint, String body) {
    return send(
        request(endpoint.path()).header("content-type", "application/json").POST(body(body)));
  }

  HttpResponse<String> get(SimulatedEndpoint endpoint) {
    return send(request(endpoint.path()).GET());
  }

  /** A request without the version header. */
  HttpResponse<String> postWithoutVersion(SimulatedEndpoint endpoint, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + endpoint.path()))
            .timeout(Duration.ofSeconds(20))
            .POST(body(body));
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return send(b);
  }

  /** {@code {"professional_network_profile_urls": [values]}}. */
  static String urls(String... values) {
    return identifiers("professional_network_profile_urls", values);
  }

  /** {@code {"business_emails": [values]}}. */
  static String emails(String... values) {
    return identifiers("business_emails", values);
  }

  /** The JSON object {@code json} with the {@code members} added, e.g. {@code "\"limit\":5"}. */
  static String plus(String json, String members) {
    return json.substring(0, json.lastIndexOf('}')) + "," + members + "}";
  }

  private static String identifiers(String field, String... values) {
    com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
    java.util.Arrays.stream(values).forEach(body.putArray(field)::add);
    return body.toString();
  }

  static JsonNode json(HttpResponse<String> response) {
    return parse(response.body());
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("x-api-version", CrustdataSimulator.API_VERSION);
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher body(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
