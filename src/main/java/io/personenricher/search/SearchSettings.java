package io.personenricher.search;

import java.time.Duration;
import java.util.Objects;

/**
 * The search processor's knobs, validated by the config layer.
 *
 * @param pageSize results asked for per {@code POST /person/search} call (1 to 1000)
 * @param maxResults the largest {@code limit} a request may ask for; bounds each search's state and
 *     its result record
 * @param maxInFlightPerTask page requests one task may have on the wire at once
 * @param maxPendingPerTask searches one task holds at once; a request beyond it fails at once
 *     ({@code search_backlog_full}) rather than queue without bound
 * @param maxAttempts retriable failures per page before the search fails
 * @param initialBackoff first retry delay; doubles per failure, with jitter
 * @param maxBackoff cap of the retry delay
 * @param retryDeadline how long a page may keep retrying from its first call
 * @param punctuateInterval how often the stream thread takes answers and sends due pages
 */
public record SearchSettings(
    int pageSize,
    int maxResults,
    int maxInFlightPerTask,
    int maxPendingPerTask,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration retryDeadline,
    Duration punctuateInterval) {

  /** The API's largest page. */
  public static final int MAX_PAGE_SIZE = 1000;

  public SearchSettings {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be within [1, 1000], got " + pageSize);
    }
    if (maxResults < 1 || maxInFlightPerTask < 1 || maxPendingPerTask < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxResults, maxInFlightPerTask, maxPendingPerTask and maxAttempts must be positive");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(retryDeadline, "retryDeadline");
    Objects.requireNonNull(punctuateInterval, "punctuateInterval");
  }

  /** The documented defaults. */
  public static SearchSettings defaults() {
    return new SearchSettings(
        100,
        1000,
        2,
        100,
        8,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(30),
        Duration.ofMillis(50));
  }
}
