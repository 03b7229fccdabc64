package io.personenricher.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a liveness or readiness check: whether it passes, a short machine-readable status,
 * and when it fails the reason and what an operator should do. {@link OpsServer} renders it as the
 * JSON body.
 *
 * @param ok true answers 200, false 503
 * @param status short lower-case word, e.g. {@code ready}, {@code halted}, {@code rebalancing},
 *     {@code failed}
 * @param reason why it is not ok (e.g. {@code INVALID_API_KEY}); null when ok
 * @param action what fixes it; null when ok or when waiting is the fix
 */
public record ProbeStatus(boolean ok, String status, String reason, String action) {

  public ProbeStatus {
    Objects.requireNonNull(status, "status");
  }

  public static ProbeStatus up(String status) {
    return new ProbeStatus(true, status, null, null);
  }

  public static ProbeStatus down(String status, String reason, String action) {
    return new ProbeStatus(false, status, reason, action);
  }

  /** The JSON body: {@code status}, and {@code reason}/{@code action} when present. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", status);
    if (reason != null) {
      json.put("reason", reason);
    }
    if (action != null) {
      json.put("action", action);
    }
    return json;
  }
}
