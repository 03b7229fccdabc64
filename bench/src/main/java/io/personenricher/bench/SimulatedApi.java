package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated API one drain runs against: a simulator of its own in this JVM, or the harness's, in another JVM,
 * reached through its free {@code /admin} routes (reset before the drain, stats after). The second keeps the API's
 * work out of an application JVM that is measured ({@link OverheadChild}), as the real API is another machine's.
 *
 * <p>Threading notes: used by the scenario thread only.
 */
interface SimulatedApi extends AutoCloseable {

  String baseUrl();

  /** What the API saw since the drain began. */
  SimulatorStats stats();

  /** {@link System#nanoTime()} of every enrich request's arrival, oldest first; empty where not in this JVM. */
  List<Long> arrivalNanos();

  @Override
  void close();

  /** A fresh simulator in this JVM, with these settings. */
  static SimulatedApi inProcess(Vertx vertx, SimulatorSettings settings) {
    CrustdataSimulator simulator = new CrustdataSimulator(vertx, settings);
    simulator.start();
    return new SimulatedApi() {
      @Override
      public String baseUrl() {
        return simulator.baseUrl();
      }

      @Override
      public SimulatorStats stats() {
        return simulator.stats();
      }

      @Override
      public List<Long> arrivalNanos() {
        return simulator.arrivalNanos();
      }

      @Override
      public void close() {
        simulator.close();
      }
    };
  }

  /** The simulator at {@code baseUrl}, reset now; it keeps the settings it was started with. */
  static SimulatedApi remote(String baseUrl) {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    call(http, HttpRequest.newBuilder(URI.create(baseUrl + "/admin/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    return new SimulatedApi() {
      @Override
      public String baseUrl() {
        return baseUrl;
      }

      @Override
      public SimulatorStats stats() {
        try {
          JsonNode stats = json.readTree(call(http, HttpRequest.newBuilder(URI.create(baseUrl + "/admin/stats"))
              .GET()));
          Map<Integer, Long> statuses = new TreeMap<>();
          stats.path("statusCounts").properties()
              .forEach(e -> statuses.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
          return new SimulatorStats(stats.path("requestsReceived").asLong(), stats.path("identifiersReceived").asLong(),
              stats.path("largestBatch").asInt(), stats.path("mixedTypeSeen").asBoolean(),
              stats.path("rateLimited429").asLong(), statuses, stats.path("creditsCharged").asDouble(),
              stats.path("creditBalance").asDouble(), stats.path("maxRequestsInAnyWindow").asInt(),
              stats.path("timeoutsInjected").asLong(), stats.path("resetsInjected").asLong());
        } catch (IOException e) {
          throw new IllegalStateException("the harness's simulator sent stats that are not JSON: " + e, e);
        }
      }

      @Override
      public List<Long> arrivalNanos() {
        return List.of();
      }

      @Override
      public void close() {}
    };
  }

  private static String call(HttpClient http, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("the harness's simulator did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
