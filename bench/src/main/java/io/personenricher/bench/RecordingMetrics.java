package io.personenricher.bench;

import io.personenricher.metrics.EnricherMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the processor and the client report, for the benchmark's figures: batches by flush reason,
 * identifiers and events per batch, responses by status, retries.
 *
 * <p>Threading notes: called from stream threads and Vert.x event loops at once; every field is an atomic or a
 * concurrent map, and no method blocks.
 */
final class RecordingMetrics implements EnricherMetrics {

  private final Map<FlushReason, LongAdder> batchesByReason = new EnumMap<>(FlushReason.class);
  private final LongAdder batchIdentifiers = new LongAdder();
  private final LongAdder batchEvents = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
  private final AtomicLong recordsIn = new AtomicLong();
  private final AtomicLong recordsOut = new AtomicLong();

  RecordingMetrics() {
    for (FlushReason reason : FlushReason.values()) {
      batchesByReason.put(reason, new LongAdder());
    }
  }

  @Override
  public void recordIn(String topic) {
    recordsIn.incrementAndGet();
  }

  @Override
  public void recordOut(Route route, String topic, Duration endToEnd) {
    recordsOut.incrementAndGet();
  }

  @Override
  public void recordDeadLetter(String errorClass) {}

  @Override
  public void recordBatch(int identifiers, int events, FlushReason reason) {
    batchesByReason.get(reason).increment();
    batchIdentifiers.add(identifiers);
    batchEvents.add(events);
  }

  @Override
  public void recordRetry(String reason) {
    retries.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  @Override
  public void pendingEntries(String taskId, long entries) {}

  @Override
  public void requestStarted() {
    requests.increment();
  }

  @Override
  public void recordResponse(String status, Duration latency) {
    responses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  @Override
  public void quotaHeadroom(int remaining, int limit) {}

  @Override
  public void recordCredits(double credits) {}

  long batches() {
    return batchesByReason.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> batchesByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    batchesByReason.forEach((reason, count) -> out.put(reason.name(), count.sum()));
    return out;
  }

  long batchIdentifiers() {
    return batchIdentifiers.sum();
  }

  long requests() {
    return requests.sum();
  }

  Map<String, Long> responses() {
    Map<String, Long> out = new java.util.TreeMap<>();
    responses.forEach((status, count) -> out.put(status, count.sum()));
    return out;
  }

  Map<String, Long> retries() {
    Map<String, Long> out = new java.util.TreeMap<>();
    retries.forEach((reason, count) -> out.put(reason, count.sum()));
    return out;
  }
}
