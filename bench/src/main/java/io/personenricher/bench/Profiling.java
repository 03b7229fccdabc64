package io.personenricher.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 3's profile of the pipeline run: the stream thread's stacks sampled every 10 ms and CPU time per
 * thread group ({@link StackSampler}), plus a JFR recording of the same interval kept as a file for digging
 * (its own summary is included but skewed; see {@link StackSampler} for why).
 */
final class Profiling {

  private final StackSampler sampler;
  private final JfrProfile jfr;

  Profiling(String applicationId, Path jfrFile) {
    this.sampler = new StackSampler(applicationId);
    this.jfr = new JfrProfile(jfrFile);
  }

  void start() {
    jfr.start();
    sampler.start();
  }

  void stop() {
    sampler.stop();
    jfr.stop();
  }

  Map<String, Object> summarise() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sampler", sampler.summarise());
    out.put("jfrFile", jfr.file().toString());
    out.put("jfr", jfr.summarise());
    return out;
  }
}
