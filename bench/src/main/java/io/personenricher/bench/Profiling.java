package io.personenricher.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 3's profile of the pipeline run: the stream thread's stacks sampled every 2 ms and CPU time per
 * thread group ({@link StackSampler}), plus a JFR recording of the same interval kept as a file for digging
 * (its own summary is included but skewed; see {@link StackSampler} for why).
 */
final class Profiling {

  /** A cache-hit run processes for under a second: every 10 ms gave it fewer than a hundred samples. */
  private static final long SAMPLE_PERIOD_MILLIS = 2;

  private final StackSampler sampler;
  private final JfrProfile jfr;

  Profiling(String applicationId, Path jfrFile) {
    this.sampler = new StackSampler(applicationId, SAMPLE_PERIOD_MILLIS);
    this.jfr = new JfrProfile(jfrFile);
  }

  private boolean started;

  void start() {
    started = true;
    jfr.start();
    sampler.start();
  }

  void stop() {
    sampler.stop();
    jfr.stop();
  }

  Map<String, Object> summarise() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!started) {
      out.put("sampler", Map.of("note", "not profiled: the run wrote no output"));
      return out;
    }
    out.put("sampler", sampler.summarise());
    out.put("jfrFile", jfr.file().toString());
    out.put("jfr", jfr.summarise());
    return out;
  }
}
