package io.personenricher.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rate window's verdict on one call and the {@code x-ratelimit-*} headers that describe it (spec
 * §5: on every response, 2xx and errors alike).
 *
 * @param allowed true: the call counted against the window and may proceed
 * @param limit requests allowed per window
 * @param remaining requests left in the window after this one
 * @param resetSeconds whole seconds, rounded up, until the oldest request ages out
 */
record RateDecision(boolean allowed, int limit, int remaining, long resetSeconds) {

  /** A call the window never saw (a bad key does not consume quota): the full window. */
  static RateDecision untouched(int limit) {
    return new RateDecision(true, limit, limit, 0);
  }

  Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-ratelimit-limit", Integer.toString(limit));
    headers.put("x-ratelimit-remaining", Integer.toString(remaining));
    headers.put("x-ratelimit-reset", Long.toString(resetSeconds));
    return headers;
  }
}
