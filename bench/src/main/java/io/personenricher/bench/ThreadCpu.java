package io.personenricher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's threads, exact per thread ({@link ThreadMXBean#getThreadCpuTime}), so that a run can
 * say how much CPU its stream thread spent per event. A thread that started after {@link #snapshot} counts from
 * zero; one that ended before {@link #since} is missed, so take the second reading before closing Kafka
 * Streams.
 *
 * <p>Threading notes: readings are taken by the scenario thread.
 */
final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> startNanos;
  private final long processStartNanos;
  private final long gcStartMillis;
  private final long jitStartMillis;

  private ThreadCpu(Map<Long, Long> startNanos, long processStartNanos) {
    this.startNanos = startNanos;
    this.processStartNanos = processStartNanos;
    this.gcStartMillis = gcMillis();
    this.jitStartMillis = jitMillis();
  }

  /** The CPU time of every live thread now. */
  static ThreadCpu snapshot() {
    Map<Long, Long> start = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      start.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
    }
    return new ThreadCpu(start, processCpuNanos());
  }

  /** CPU nanoseconds the threads whose name {@code matches} spent since the snapshot. */
  long since(Predicate<String> matches) {
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && matches.test(info.getThreadName())) {
        long now = THREADS.getThreadCpuTime(info.getThreadId());
        if (now > 0) {
          total += now - startNanos.getOrDefault(info.getThreadId(), 0L);
        }
      }
    }
    return total;
  }

  /** The {@code n} threads that spent the most CPU since the snapshot, as a share of one core over the wall time. */
  Map<String, Double> busiestSince(int n, double wallSeconds) {
    Map<String, Double> byThread = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null) {
        long now = THREADS.getThreadCpuTime(info.getThreadId());
        if (now > 0) {
          double share = 100.0 * (now - startNanos.getOrDefault(info.getThreadId(), 0L)) / 1e9 / wallSeconds;
          byThread.merge(info.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>"), share, Double::sum);
        }
      }
    }
    Map<String, Double> top = new java.util.LinkedHashMap<>();
    byThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
        .forEach(e -> top.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
    return top;
  }

  /** CPU nanoseconds of the whole process since the snapshot (every thread, incl. GC and JIT). */
  long processSince() {
    return processCpuNanos() - processStartNanos;
  }

  /**
   * Milliseconds the garbage collectors spent since the snapshot (pauses and concurrent cycles, as the collectors'
   * beans count them). GC and JIT threads are invisible to {@link ThreadMXBean}, so a run whose process CPU far
   * exceeds its threads' sum shows here where the rest went.
   */
  long gcMillisSince() {
    return gcMillis() - gcStartMillis;
  }

  /** Milliseconds the JIT compilers spent since the snapshot: a measured window that still compiles is not warm. */
  long jitMillisSince() {
    return jitMillis() - jitStartMillis;
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum();
  }

  private static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** The stream threads of the Kafka Streams application {@code applicationId} (not its producer threads). */
  static Predicate<String> streamThreadsOf(String applicationId) {
    return name -> name.contains(applicationId) && name.contains("StreamThread") && !name.contains("producer");
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
