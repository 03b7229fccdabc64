package io.personenricher.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Draws the injected faults of {@link FaultSettings}: server-side ones (5xx, no answer, connection
 * reset) once a call has passed the gateway, and body faults (malformed JSON, the last entry
 * missing) on would-be 200 answers. One random draw per decision, so a probability of 1 always
 * strikes and 0 never does.
 *
 * <p>Threading notes: not thread-safe (the random generator); the simulator calls it under its
 * lock.
 */
final class FaultInjector {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RandomGenerator random;

  FaultInjector(RandomGenerator random) {
    this.random = random;
  }

  /** A 500, 502 or 503, a hang, a reset, or nothing; checked in that order. */
  Optional<ApiAnswer> serverFault(FaultSettings faults) {
    double roll = random.nextDouble();
    double edge = faults.error500();
    if (roll < edge) {
      return Optional.of(ApiAnswer.error(500, "internal_error", "Internal server error"));
    }
    if (roll < (edge += faults.error502())) {
      return Optional.of(ApiAnswer.error(502, "bad_gateway", "Bad gateway"));
    }
    if (roll < (edge += faults.error503())) {
      return Optional.of(
          ApiAnswer.error(503, "service_unavailable", "Service temporarily unavailable"));
    }
    if (roll < (edge += faults.timeout())) {
      return Optional.of(ApiAnswer.neverAnswer());
    }
    if (roll < edge + faults.connectionReset()) {
      return Optional.of(ApiAnswer.reset());
    }
    return Optional.empty();
  }

  /**
   * {@code ok} as sent, or with its body cut in half (never valid JSON), or, for an array body,
   * without its last entry. The credits stay charged: the server did the work.
   */
  ApiAnswer corruptSuccess(ApiAnswer ok, FaultSettings faults) {
    double roll = random.nextDouble();
    if (roll < faults.malformedJson()) {
      return ok.withBody(ok.body().substring(0, ok.body().length() / 2));
    }
    if (roll < faults.malformedJson() + faults.missingEntry()) {
      JsonNode body = parse(ok.body());
      if (body instanceof ArrayNode array && !array.isEmpty()) {
        array.remove(array.size() - 1);
        return ok.withBody(array.toString());
      }
    }
    return ok;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
