package io.personenricher.batching;

/**
 * The wall clock of a task's processing: Kafka Streams' {@code currentSystemTimeMs()}, which it
 * sets once when it calls the processor, moved on by the time that passed since. It matters where a
 * call lasts: a punctuation that waits for answers handles them, stamps their outputs and sends the
 * next batch at the time they arrive, not at the time the punctuation began. Under
 * TopologyTestDriver, whose wall clock is mocked, a call lasts next to nothing and the driver's
 * time holds.
 *
 * <p>Threading notes: stream thread only.
 */
final class TaskClock {

  private long enteredAtMs;
  private long enteredAtNanos;

  /** Kafka Streams called the processor, with its wall-clock time {@code contextMs}. */
  void entered(long contextMs) {
    enteredAtMs = contextMs;
    enteredAtNanos = System.nanoTime();
  }

  long nowMs() {
    return enteredAtMs + (System.nanoTime() - enteredAtNanos) / 1_000_000L;
  }
}
