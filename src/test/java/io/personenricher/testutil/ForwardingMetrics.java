package io.personenricher.testutil;

import io.personenricher.metrics.EnricherMetrics;
import java.time.Duration;

/** An {@link EnricherMetrics} that passes everything on; tests override what they watch. */
public class ForwardingMetrics implements EnricherMetrics {

  private final EnricherMetrics delegate;

  public ForwardingMetrics(EnricherMetrics delegate) {
    this.delegate = delegate;
  }

  @Override
  public void recordIn(String topic) {
    delegate.recordIn(topic);
  }

  @Override
  public void recordOut(Route route, String topic, Duration endToEnd) {
    delegate.recordOut(route, topic, endToEnd);
  }

  @Override
  public void recordDeadLetter(String errorClass) {
    delegate.recordDeadLetter(errorClass);
  }

  @Override
  public void recordBatch(int identifiers, int events, FlushReason reason) {
    delegate.recordBatch(identifiers, events, reason);
  }

  @Override
  public void recordRetry(String reason) {
    delegate.recordRetry(reason);
  }

  @Override
  public void pendingEntries(String taskId, long entries) {
    delegate.pendingEntries(taskId, entries);
  }

  @Override
  public void requestStarted() {
    delegate.requestStarted();
  }

  @Override
  public void recordResponse(String status, Duration latency) {
    delegate.recordResponse(status, latency);
  }

  @Override
  public void quotaHeadroom(int remaining, int limit) {
    delegate.quotaHeadroom(remaining, limit);
  }

  @Override
  public void recordCredits(double credits) {
    delegate.recordCredits(credits);
  }

  @Override
  public void recordReuseHit(
      String source, io.personenricher.quota.Endpoint endpoint, double creditsSaved) {
    delegate.recordReuseHit(source, endpoint, creditsSaved);
  }

  @Override
  public void recordClaims(int written, long waiting) {
    delegate.recordClaims(written, waiting);
  }

  @Override
  public void recordUnseenAnswerDropped() {
    delegate.recordUnseenAnswerDropped();
  }

  @Override
  public void recordDeadLetterSample(
      String reason, String errorClass, byte[] key, String identifier) {
    delegate.recordDeadLetterSample(reason, errorClass, key, identifier);
  }

  @Override
  public void recordBatchWait(Duration oldestEventWait) {
    delegate.recordBatchWait(oldestEventWait);
  }
}
