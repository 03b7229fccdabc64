package io.personenricher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.quota.Endpoint;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code GET /account/endpoints} (spec §9): each enabled endpoint's {@code
 * effective_rate_limit_rpm}. Anything unreadable is simply left out: the quota then keeps the
 * documented limit for it.
 */
final class AccountEndpoints {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AccountEndpoints() {}

  static Map<Endpoint, Integer> limits(String body) {
    Map<Endpoint, Integer> limits = new EnumMap<>(Endpoint.class);
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return limits;
    }
    for (JsonNode entry : root.path("endpoints")) {
      String path = entry.path("path").asText("");
      int rpm = entry.path("effective_rate_limit_rpm").asInt(0);
      if (rpm <= 0 || "not_enabled".equals(entry.path("status").asText())) {
        continue;
      }
      for (Endpoint endpoint : Endpoint.values()) {
        if (endpoint.path().equals(path)) {
          limits.put(endpoint, rpm);
        }
      }
    }
    return limits;
  }
}
