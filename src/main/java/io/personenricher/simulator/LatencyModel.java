package io.personenricher.simulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a {@code /person/enrich} request takes the simulator, from its arrival to its answer:
 * the time the simulator spends building the answer counts into it, as a real API's own work counts
 * into its latency ({@link #delayLeftMillis}).
 *
 * @param kind the distribution
 * @param min lower bound (the fixed value for {@link Kind#FIXED})
 * @param max upper bound for {@link Kind#UNIFORM} and the body of {@link Kind#LONG_TAIL}
 * @param tailProbability for {@link Kind#LONG_TAIL}: the chance a request takes {@code tail}
 *     instead
 * @param tail for {@link Kind#LONG_TAIL}: the slow answer's latency
 */
public record LatencyModel(
    Kind kind, Duration min, Duration max, double tailProbability, Duration tail) {

  /** The latency distributions on offer. */
  public enum Kind {
    NONE,
    FIXED,
    UNIFORM,
    LONG_TAIL
  }

  public LatencyModel {
    if (kind == null) {
      kind = Kind.NONE;
    }
    min = min == null ? Duration.ZERO : min;
    max = max == null ? min : max;
    tail = tail == null ? Duration.ZERO : tail;
    if (min.isNegative() || max.compareTo(min) < 0 || tail.isNegative()) {
      throw new IllegalArgumentException("latency needs 0 <= min <= max and tail >= 0");
    }
    if (!(tailProbability >= 0 && tailProbability <= 1)) {
      throw new IllegalArgumentException("tailProbability must be within [0, 1]");
    }
  }

  public static LatencyModel none() {
    return new LatencyModel(Kind.NONE, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
  }

  public static LatencyModel fixed(Duration latency) {
    return new LatencyModel(Kind.FIXED, latency, latency, 0, Duration.ZERO);
  }

  public static LatencyModel uniform(Duration min, Duration max) {
    return new LatencyModel(Kind.UNIFORM, min, max, 0, Duration.ZERO);
  }

  /** Mostly uniform in [min, max]; with {@code tailProbability}, {@code tail} instead. */
  public static LatencyModel longTail(
      Duration min, Duration max, double tailProbability, Duration tail) {
    return new LatencyModel(Kind.LONG_TAIL, min, max, tailProbability, tail);
  }

  /** One sample, in milliseconds. */
  long sampleMillis(RandomGenerator random) {
    return switch (kind) {
      case NONE -> 0;
      case FIXED -> min.toMillis();
      case UNIFORM -> uniformMillis(random);
      case LONG_TAIL ->
          random.nextDouble() < tailProbability ? tail.toMillis() : uniformMillis(random);
    };
  }

  /**
   * What is left of a sampled latency once {@code elapsedNanos} went on the request already
   * (reading it, building its answer), rounded up so an answer never goes early; 0 when the work
   * took longer than the latency.
   */
  static long delayLeftMillis(long latencyMillis, long elapsedNanos) {
    long leftNanos = latencyMillis * 1_000_000L - Math.max(0, elapsedNanos);
    return leftNanos <= 0 ? 0 : (leftNanos + 999_999L) / 1_000_000L;
  }

  private long uniformMillis(RandomGenerator random) {
    long lo = min.toMillis();
    long hi = max.toMillis();
    return hi <= lo ? lo : random.nextLong(lo, hi + 1);
  }
}
