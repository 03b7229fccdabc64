package io.personenricher.quota;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the key's request limit per window is, endpoint by endpoint: the documented default until
 * the API says otherwise, then what it says ({@code effective_rate_limit_rpm} from {@code GET
 * /account/endpoints}, {@code x-ratelimit-limit} on every answer), never more than a configured
 * cap, and minus the headroom kept for other users of the key.
 *
 * <p>Threading notes: not thread-safe; the broker serialises access.
 */
final class LimitLearner {

  private final long windowMs;
  private final Optional<Integer> cap;
  private final int headroom;
  private final Map<Endpoint, Integer> learned = new EnumMap<>(Endpoint.class);

  /**
   * @param cap an explicit {@code enricher.api.rate.limit.requests}; empty for {@code auto}
   */
  LimitLearner(long windowMs, Optional<Integer> cap, int headroom) {
    this.windowMs = windowMs;
    this.cap = cap;
    this.headroom = headroom;
  }

  /** Adopts the API's per-minute limit for an endpoint (from the account endpoints listing). */
  void perMinute(Endpoint endpoint, int rpm) {
    if (rpm > 0) {
      learned.put(endpoint, (int) Math.max(1, (long) rpm * windowMs / 60_000));
    }
  }

  /** Adopts {@code x-ratelimit-limit}, the limit per sliding window as the API applies it. */
  void perWindow(Endpoint endpoint, int limit) {
    if (limit > 0) {
      learned.put(endpoint, limit);
    }
  }

  boolean knows(Endpoint endpoint) {
    return learned.containsKey(endpoint);
  }

  /** The requests per window this application may send to the endpoint. */
  int usable(Endpoint endpoint) {
    int documented = (int) Math.max(1, (long) endpoint.documentedRpm() * windowMs / 60_000);
    // An explicit number is where the quota starts (the user knows their plan) and its cap.
    int limit = learned.getOrDefault(endpoint, cap.orElse(documented));
    if (cap.isPresent()) {
      limit = Math.min(limit, cap.get());
    }
    return Math.max(1, limit - headroom);
  }
}
