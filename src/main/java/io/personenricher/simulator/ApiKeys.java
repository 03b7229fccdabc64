package io.personenricher.simulator;

import java.util.HashSet;
import java.util.Set;

/**
 * Step 1 of spec §4.4: who is calling. A valid key authenticates and is entitled; a forbidden key
 * authenticates but is entitled to no person endpoint (403); any other key, a missing header or a
 * non-Bearer scheme (the legacy {@code Token} one) gets the gateway's flat 401.
 *
 * <p>Threading notes: immutable; the simulator swaps instances under its lock.
 *
 * @param valid keys that authenticate and are entitled
 * @param forbidden keys that authenticate but get 403 (unless also valid)
 */
record ApiKeys(Set<String> valid, Set<String> forbidden) {

  ApiKeys {
    valid = Set.copyOf(valid);
    forbidden = Set.copyOf(forbidden);
  }

  /** The key of an authenticated call; a 401 rejection otherwise. */
  String authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new ApiRejection(ApiAnswer.unauthorized("Missing API key in request"));
    }
    String key = bearerKey(authorization);
    if (key == null || !(valid.contains(key) || forbidden.contains(key))) {
      throw new ApiRejection(ApiAnswer.unauthorized("Invalid API key in request"));
    }
    return key;
  }

  /** Whether an authenticated key may use the person endpoints at all. */
  boolean entitled(String key) {
    return valid.contains(key);
  }

  /** These keys with {@code revoked} no longer valid (they then get 401). */
  ApiKeys invalidate(Set<String> revoked) {
    Set<String> remaining = new HashSet<>(valid);
    remaining.removeAll(revoked);
    return new ApiKeys(remaining, forbidden);
  }

  private static String bearerKey(String authorization) {
    String trimmed = authorization.trim();
    if (trimmed.length() < 7 || !trimmed.substring(0, 7).equalsIgnoreCase("bearer ")) {
      return null;
    }
    String key = trimmed.substring(7).trim();
    return key.isEmpty() ? null : key;
  }
}
