package io.personenricher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the stream thread's wall-clock time goes: a daemon thread takes the stream thread's stack every few ms
 * ({@link ThreadMXBean#getThreadInfo}), and at the end the samples are split into running (Java or native code
 * such as RocksDB) and waiting, with the top frames and the libraries on the stack for each. Also the CPU time
 * of every thread group of this JVM over the same interval ({@link ThreadMXBean#getThreadCpuTime}).
 *
 * <p>Why not JFR alone: JFR samples only a few threads per period and at most one native thread, so in a JVM
 * with a hundred broker threads the stream thread is rarely sampled and its RocksDB (JNI) time nearly never.
 * Stack sampling at safepoints has its own bias (time is attributed to the nearest safepoint), which is
 * acceptable for "which part of the pipeline", not for single methods.
 *
 * <p>Threading notes: the sampler thread writes the sample lists; {@link #stop()} joins it before anyone reads.
 */
final class StackSampler {

  private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("RocksDB (JNI)", List.of("org.rocksdb."));
    LIBRARIES.put("state store layers (caching, changelogging, metered, RocksDB)",
        List.of("org.apache.kafka.streams.state.internals.", "org.rocksdb."));
    LIBRARIES.put("pending-store scans (PendingBuffer.scan)", List.of("io.personenricher.batching.PendingBuffer.scan"));
    LIBRARIES.put("Avro (de)serialisation", List.of("org.apache.avro.", "io.personenricher.serde."));
    LIBRARIES.put("pending-entry codec", List.of("io.personenricher.batching.PendingEntryCodec"));
    LIBRARIES.put("Jackson (JSON)", List.of("com.fasterxml.jackson."));
    LIBRARIES.put("intake (decode, validate)", List.of("io.personenricher.intake."));
    LIBRARIES.put("routing (output records)", List.of("io.personenricher.routing."));
    LIBRARIES.put("answer cache (AnswerCache)", List.of("io.personenricher.batching.AnswerCache"));
    LIBRARIES.put("key order (KeyOrderGate)", List.of("io.personenricher.batching.KeyOrderGate"));
    LIBRARIES.put("producer send", List.of("org.apache.kafka.clients.producer.KafkaProducer.send",
        "org.apache.kafka.clients.producer.KafkaProducer.doSend"));
    LIBRARIES.put("consumer poll", List.of("org.apache.kafka.clients.consumer."));
    LIBRARIES.put("commit / transaction", List.of("org.apache.kafka.streams.processor.internals.TaskExecutor.commit",
        "org.apache.kafka.streams.processor.internals.TaskManager.commit",
        "org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction"));
    LIBRARIES.put("punctuation", List.of("org.apache.kafka.streams.processor.internals.PunctuationQueue"));
    LIBRARIES.put("EnrichmentProcessor.process", List.of("io.personenricher.batching.EnrichmentProcessor.process"));
    LIBRARIES.put("EnrichmentProcessor (all)", List.of("io.personenricher.batching."));
  }

  private final String threadNamePart;
  private final long periodMillis;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<ThreadInfo> samples = new ArrayList<>();
  private final Map<Long, Long> cpuAtStart = new HashMap<>();
  private Map<String, Double> cpuSecondsByGroup = Map.of();
  private volatile boolean running;
  private Thread sampler;
  private long startNanos;
  private long wallNanos;

  /** Every 10 ms: the threads whose name contains {@code threadNamePart} (e.g. the application id). */
  StackSampler(String threadNamePart) {
    this(threadNamePart, 10);
  }

  /**
   * @param threadNamePart samples the threads whose name contains this (e.g. the application id)
   * @param periodMillis between samples: shorter for a run that lasts under a second
   */
  StackSampler(String threadNamePart, long periodMillis) {
    this.threadNamePart = threadNamePart;
    this.periodMillis = periodMillis;
  }

  void start() {
    startNanos = System.nanoTime();
    for (long id : threads.getAllThreadIds()) {
      cpuAtStart.put(id, threads.getThreadCpuTime(id));
    }
    running = true;
    sampler = new Thread(this::sample, "bench-stack-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  void stop() {
    running = false;
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wallNanos = System.nanoTime() - startNanos;
    Map<String, Double> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long now = threads.getThreadCpuTime(info.getThreadId());
      long before = cpuAtStart.getOrDefault(info.getThreadId(), 0L);
      if (now > 0) {
        cpu.merge(group(info.getThreadName()), (now - Math.max(0, before)) / 1e9, Double::sum);
      }
    }
    cpuSecondsByGroup = cpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private void sample() {
    long[] ids = new long[0];
    while (running) {
      if (ids.length == 0) {
        // Stacks of the stream threads only: dumping all hundred threads every few ms would perturb the run.
        ids = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
            .filter(info -> info != null && isStreamThread(info.getThreadName()))
            .mapToLong(ThreadInfo::getThreadId).toArray();
      }
      if (ids.length > 0) {
        for (ThreadInfo info : threads.getThreadInfo(ids, Integer.MAX_VALUE)) {
          if (info != null) {
            samples.add(info);
          }
        }
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean isStreamThread(String name) {
    return name.contains(threadNamePart) && name.contains("StreamThread") && !name.contains("producer");
  }

  /** The summary for the results: CPU by thread group, and the stream thread's samples. */
  Map<String, Object> summarise() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("wallSeconds", wallNanos / 1e9);
    Map<String, String> cpu = new LinkedHashMap<>();
    cpuSecondsByGroup.forEach((k, v) -> cpu.put(k, Results.f(v, 2) + " s (" + Results.f(100 * v / (wallNanos / 1e9),
        0) + "% of one core)"));
    out.put("cpuByThreadGroup", cpu);
    List<ThreadInfo> runnable = samples.stream()
        .filter(s -> s.getThreadState() == Thread.State.RUNNABLE && !isWaitFrame(s.getStackTrace())).toList();
    Map<String, Long> states = new LinkedHashMap<>();
    states.put("running (Java or native)", (long) runnable.size());
    for (ThreadInfo s : samples) {
      if (!runnable.contains(s)) {
        states.merge("waiting: " + waitSite(s.getStackTrace()), 1L, Long::sum);
      }
    }
    out.put("streamThreadSamples", samples.size());
    out.put("streamThreadStates", percent(top(states, 12), samples.size()));
    Map<String, Long> leaves = new HashMap<>();
    Map<String, Long> inclusive = new LinkedHashMap<>();
    LIBRARIES.keySet().forEach(k -> inclusive.put(k, 0L));
    for (ThreadInfo s : runnable) {
      StackTraceElement[] stack = s.getStackTrace();
      if (stack.length > 0) {
        leaves.merge(name(stack[0]) + (stack[0].isNativeMethod() ? " [native]" : ""), 1L, Long::sum);
      }
      List<String> names = Arrays.stream(stack).map(StackSampler::name).toList();
      LIBRARIES.forEach((library, prefixes) -> {
        if (names.stream().anyMatch(n -> prefixes.stream().anyMatch(n::startsWith))) {
          inclusive.merge(library, 1L, Long::sum);
        }
      });
    }
    out.put("runningTopFrames", percent(top(leaves, 15), runnable.size()));
    // Inclusive time by method of the product and of the store layers: which call costs what.
    Map<String, Long> methods = new HashMap<>();
    for (ThreadInfo s : runnable) {
      Arrays.stream(s.getStackTrace()).map(StackSampler::name)
          .filter(n -> n.startsWith("io.personenricher.") || n.startsWith("org.apache.kafka.streams.state.internals.")
              || n.startsWith("org.apache.kafka.clients.producer.KafkaProducer."))
          .distinct().forEach(n -> methods.merge(n, 1L, Long::sum));
    }
    out.put("runningInclusiveByMethod", percent(top(methods, 40), runnable.size()));
    out.put("runningInclusive", percent(inclusive, runnable.size()));
    return out;
  }

  /** The running samples' inclusive shares, for the table. */
  @SuppressWarnings("unchecked")
  static Map<String, String> inclusive(Map<String, Object> summary) {
    return (Map<String, String>) summary.get("runningInclusive");
  }

  private static boolean isWaitFrame(StackTraceElement[] stack) {
    if (stack.length == 0) {
      return false;
    }
    String top = name(stack[0]);
    return top.startsWith("sun.nio.ch.EPoll.wait") || top.startsWith("sun.nio.ch.Net.poll")
        || top.startsWith("jdk.internal.misc.Unsafe.park");
  }

  /** The first frame below the JDK's and Kafka's waiting primitives: what the thread waits for. */
  private static String waitSite(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String n = name(frame);
      if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")
          || n.startsWith("org.apache.kafka.common.network.") || n.startsWith("org.apache.kafka.common.utils.")
          || n.startsWith("org.apache.kafka.clients.NetworkClient") || n.contains("ConsumerNetworkClient")) {
        continue;
      }
      return n;
    }
    return stack.length == 0 ? "?" : name(stack[0]);
  }

  static String group(String thread) {
    if (thread.startsWith("kafka-producer-network-thread") || thread.contains("heartbeat")
        || thread.contains("consumer_background") || thread.startsWith("kafka-coordinator")) {
      return "Kafka client I/O threads (producers, consumers)";
    }
    if (thread.contains("StreamThread")) {
      return "stream thread";
    }
    if (thread.startsWith("vert.x-eventloop")) {
      return "Vert.x event loops (client and simulator)";
    }
    if (thread.startsWith("vert.x") || thread.startsWith("HttpClient")) {
      return "other HTTP threads";
    }
    if (thread.equals("main")) {
      return "harness (output watcher)";
    }
    if (thread.startsWith("bench-") || thread.startsWith("JFR") || thread.startsWith("Attach")) {
      return "profiler";
    }
    return "broker (in-process KRaft) and other";
  }

  private static String name(StackTraceElement frame) {
    return frame.getClassName() + "." + frame.getMethodName();
  }

  private static Map<String, Long> top(Map<String, Long> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, String> percent(Map<String, Long> counts, long total) {
    Map<String, String> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, Results.f(total == 0 ? 0 : 100.0 * v / total, 1) + "% (" + v + ")"));
    return out;
  }
}
