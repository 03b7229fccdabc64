package io.personenricher.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * The simulator's {@code /admin/*} routes (JSON): {@code GET /admin/stats}, {@code GET|POST
 * /admin/faults}, {@code POST /admin/reset}, {@code GET /admin/last-request}. They are free, need
 * no key and never count as API traffic.
 *
 * <p>Threading notes: runs on the event loop; everything it touches goes through the simulator's
 * public, locked methods.
 */
final class AdminApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CrustdataSimulator simulator;

  AdminApi(CrustdataSimulator simulator) {
    this.simulator = simulator;
  }

  void handle(HttpServerRequest req, Buffer body) {
    HttpServerResponse response = req.response().putHeader("content-type", "application/json");
    String path = req.path();
    HttpMethod method = req.method();
    try {
      if (path.equals("/admin/stats") && method == HttpMethod.GET) {
        response.end(JSON.writeValueAsString(simulator.stats()));
      } else if (path.equals("/admin/faults") && method == HttpMethod.GET) {
        response.end(simulator.controlsJson().toString());
      } else if (path.equals("/admin/faults") && method == HttpMethod.POST) {
        simulator.applyControls(JSON.readTree(body.toString()));
        response.end(simulator.controlsJson().toString());
      } else if (path.equals("/admin/reset") && method == HttpMethod.POST) {
        simulator.reset();
        response.end("{}");
      } else if (path.equals("/admin/last-request") && method == HttpMethod.GET) {
        String endpoint = req.getParam("endpoint");
        Optional<RecordedRequest> last =
            simulator.lastRequest(
                endpoint == null ? SimulatedEndpoint.ENRICH : SimulatedEndpoint.named(endpoint));
        if (last.isPresent()) {
          response.end(JSON.writeValueAsString(last.get()));
        } else {
          response.setStatusCode(404).end(ApiAnswer.errorBody("not_found", "no request yet", null));
        }
      } else {
        response
            .setStatusCode(404)
            .end(ApiAnswer.errorBody("not_found", "No admin route " + path, null));
      }
    } catch (JsonProcessingException | RuntimeException e) {
      response
          .setStatusCode(400)
          .end(ApiAnswer.errorBody("invalid_request", String.valueOf(e.getMessage()), null));
    }
  }
}
