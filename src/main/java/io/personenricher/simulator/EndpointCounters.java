package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates one endpoint's {@link EndpointStats}: what arrived (before any check, so a rejected
 * request still counts) and what was answered.
 *
 * <p>Threading notes: not thread-safe; the simulator calls it under its lock.
 */
final class EndpointCounters {

  /** Arrival times kept for {@code arrivalNanos()} at most: the latest ones. */
  static final int MAX_RECORDED_ARRIVALS = 100_000;

  private final long windowNanos;
  private final ArrayDeque<Long> arrivalsInWindow = new ArrayDeque<>();
  private final ArrayDeque<Long> arrivalNanos = new ArrayDeque<>();
  private final Map<Integer, Long> statusCounts = new TreeMap<>();
  private long requests;
  private long identifiers;
  private int largestBatch;
  private boolean mixedTypeSeen;
  private long results;
  private long rateLimited;
  private int maxRequestsInAnyWindow;
  private double creditsCharged;
  private long timeouts;
  private long resets;

  EndpointCounters(Duration rateWindow) {
    this.windowNanos = rateWindow.toNanos();
  }

  void arrived(ApiCall call) {
    long now = call.nowNanos();
    requests++;
    arrivalsInWindow.addLast(now);
    while (arrivalsInWindow.peekFirst() <= now - windowNanos) {
      arrivalsInWindow.pollFirst();
    }
    maxRequestsInAnyWindow = Math.max(maxRequestsInAnyWindow, arrivalsInWindow.size());
    if (arrivalNanos.size() == MAX_RECORDED_ARRIVALS) {
      arrivalNanos.pollFirst();
    }
    arrivalNanos.addLast(now);
    countIdentifiers(call.body());
  }

  void answered(ApiAnswer answer) {
    switch (answer.action()) {
      case NEVER_ANSWER -> timeouts++;
      case RESET -> resets++;
      case RESPOND -> {
        statusCounts.merge(answer.status(), 1L, Long::sum);
        if (answer.status() == 429) {
          rateLimited++;
        }
        if (answer.status() / 100 == 2) {
          results += answer.results();
        }
      }
    }
    creditsCharged += answer.credits();
  }

  EndpointStats snapshot() {
    return new EndpointStats(
        requests,
        identifiers,
        largestBatch,
        mixedTypeSeen,
        results,
        statusCounts,
        rateLimited,
        maxRequestsInAnyWindow,
        creditsCharged,
        timeouts,
        resets);
  }

  /** {@link System#nanoTime()} of the latest arrivals, oldest first. */
  List<Long> arrivalNanos() {
    return List.copyOf(new ArrayList<>(arrivalNanos));
  }

  private void countIdentifiers(JsonNode body) {
    if (body == null || !body.isObject()) {
      return;
    }
    int n = 0;
    int kinds = 0;
    for (IdentifierKind kind : IdentifierKind.values()) {
      JsonNode values = body.get(kind.field());
      if (values != null && !values.isNull()) {
        kinds++;
        n += values.isArray() ? values.size() : 0;
      }
    }
    mixedTypeSeen |= kinds > 1;
    identifiers += n;
    largestBatch = Math.max(largestBatch, n);
  }
}
