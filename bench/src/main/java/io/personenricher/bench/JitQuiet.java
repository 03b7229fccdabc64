package io.personenricher.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits until this JVM's JIT compilers have caught up, before a measured run. On two cores the harness's one JVM
 * (broker, simulator, registry client, the application under test) hands the single C2 thread a backlog of tens of
 * thousands of methods: {@code jcmd Compiler.queue} showed its queue thousands deep minutes into scenario 3, and
 * {@code CompilationMXBean} about one second of compilation per second of wall time. Until C2 has caught up the hot
 * code runs as profiled C1 code, slower, and the compiler takes a core from the run. A deployed instance is past
 * that within minutes; a run measured inside it measures the JIT. The wait ends when compilation over the last
 * {@link #WINDOW} took at most {@link #QUIET_SHARE} of it, or at {@code cap}: it is a condition, sampled, not a fixed
 * pause, and the time it took is reported.
 *
 * <p>Threading notes: called by the scenario thread.
 */
final class JitQuiet {

  static final Duration WINDOW = Duration.ofSeconds(2);
  static final double QUIET_SHARE = 0.05;
  private static final long SAMPLE_MS = 250;

  private JitQuiet() {}

  /** Milliseconds waited; {@code cap} when the compilers were still busy then, 0 without a compilation clock. */
  static long await(Duration cap) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    long start = System.nanoTime();
    int window = (int) (WINDOW.toMillis() / SAMPLE_MS);
    long[] compileMs = new long[window + 1];
    int samples = 0;
    while (System.nanoTime() - start < cap.toNanos()) {
      compileMs[samples % compileMs.length] = jit.getTotalCompilationTime();
      if (samples >= window) {
        long grew = compileMs[samples % compileMs.length] - compileMs[(samples - window) % compileMs.length];
        if (grew <= QUIET_SHARE * WINDOW.toMillis()) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      }
      samples++;
      try {
        Thread.sleep(SAMPLE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return cap.toMillis();
  }
}
