package io.personenricher.bench;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of one run. {@link #full()} is the recorded run, scaled to fit 15 minutes on 2 cores (README,
 * "Scaling"); {@link #smoke()} is a 3-minute check that the harness works end to end, whose numbers mean little.
 *
 * @param quotaEvents scenario 1 backlog
 * @param quotaRequests scenario 1 rate limit: requests per {@code quotaWindow} (the API: 60 per 60 s)
 * @param quotaWindow scenario 1 window, scaled down from 60 s
 * @param latency the API latency of scenarios 1, 2, 4 and 5
 * @param inFlights scenario 2 settings
 * @param latencySeconds scenario 2: each setting drains a backlog sized for this many seconds at its bound
 * @param overheadEvents scenario 3 backlog (pipeline and passthrough)
 * @param baselineSeconds scenario 4: how long each baseline runs
 * @param baselineConcurrency scenario 4: Parallel Consumer concurrency and the pipeline's in-flight bound
 * @param lowLoadRate scenario 5 events per second
 * @param lowLoadSeconds scenario 5 duration
 * @param memoryEvents scenario 6 backlog
 * @param idleSeconds scenario 7: how long the idle instance's CPU is measured
 */
record BenchPlan(
    String name,
    int quotaEvents,
    int quotaRequests,
    Duration quotaWindow,
    Duration latency,
    List<Integer> inFlights,
    int latencySeconds,
    int overheadEvents,
    int baselineSeconds,
    int baselineConcurrency,
    int lowLoadRate,
    int lowLoadSeconds,
    int memoryEvents,
    int idleSeconds) {

  static BenchPlan full() {
    return new BenchPlan("full", 20_000, 60, Duration.ofSeconds(6), Duration.ofMillis(300), List.of(1, 4, 16), 15,
        100_000, 20, 16, 5, 60, 1_000_000, 60);
  }

  static BenchPlan smoke() {
    return new BenchPlan("smoke", 2_000, 60, Duration.ofSeconds(6), Duration.ofMillis(300), List.of(1, 4, 16), 4,
        10_000, 5, 16, 5, 10, 50_000, 10);
  }
}
