package io.personenricher.client;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.QuotaFeedback;
import java.time.Instant;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What every API answer tells besides its outcome: the key's limit and a 429 to the quota, the
 * headroom and the credits to the metrics (in total and by endpoint), and when a retry may go.
 *
 * <p>Threading notes: called on the transport's I/O thread; the feedback and metrics are
 * thread-safe and the credit sum is an adder, so callers on other threads may read it.
 */
final class AnswerReport {

  private final QuotaFeedback feedback;
  private final EnricherMetrics metrics;
  private final DoubleAdder creditsUsed = new DoubleAdder();

  AnswerReport(QuotaFeedback feedback, EnricherMetrics metrics) {
    this.feedback = feedback;
    this.metrics = metrics;
  }

  /**
   * Reports one answer to a request sent at {@code sentAt}; returns the earliest retry the server
   * asked for (the reset for a 429, else {@code Retry-After}), or null.
   */
  Instant answered(
      Endpoint endpoint,
      int status,
      EnrichProtocol.QuotaHeaders quota,
      Instant sentAt,
      Instant now) {
    // Quota and credits count even when the call already timed out on our side: the server did the
    // work.
    feedback.answered(
        endpoint,
        quota.limit(),
        quota.remaining(),
        quota.resetSeconds(),
        status == 429,
        sentAt.toEpochMilli(),
        now.toEpochMilli());
    if (quota.limit() != null && quota.remaining() != null) {
      metrics.quotaHeadroom(quota.remaining(), quota.limit());
    }
    if (quota.creditsUsed() != null) {
      creditsUsed.add(quota.creditsUsed());
      metrics.recordCredits(quota.creditsUsed());
      metrics.recordEndpointCredits(endpoint.path(), quota.creditsUsed());
    }
    if (status == 429) {
      Double wait = quota.resetSeconds() != null ? quota.resetSeconds() : quota.retryAfterSeconds();
      return wait == null ? null : now.plusMillis((long) Math.ceil(wait * 1000));
    }
    return quota.retryAfterSeconds() == null
        ? null
        : now.plusMillis((long) (quota.retryAfterSeconds() * 1000));
  }

  /** Credits the API reported ({@code x-credits-used}) so far. */
  double creditsUsed() {
    return creditsUsed.sum();
  }
}
