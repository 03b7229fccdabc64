package io.personenricher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of this JVM, summarised three ways: samples by thread group, the top leaf
 * frames of the stream thread, and the share of stream-thread samples with a given library anywhere on the
 * stack (inclusive time).
 *
 * <p>Two sample kinds are merged: {@code jdk.ExecutionSample} (threads running Java code) and
 * {@code jdk.NativeMethodSample} (threads inside a native method), both every 10 ms so they weigh the same. The
 * native ones matter here: RocksDB works in JNI, and execution samples alone make a RocksDB-bound stream thread look idle. A native
 * sample also catches threads parked in a native wait (epoll on a socket); those are dropped as idle. JFR
 * samples only a few threads per period (one native), so counts across threads are skewed; see
 * {@link StackSampler}, which the table uses.
 *
 * <p>Threading notes: started and stopped by the scenario thread.
 */
final class JfrProfile {

  /** Stack frame prefixes counted inclusively for the stream thread, in report order. */
  private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("RocksDB (state stores)", List.of("org.rocksdb."));
    LIBRARIES.put("store layers (caching, changelogging, metered)",
        List.of("org.apache.kafka.streams.state.internals."));
    LIBRARIES.put("Avro (de)serialisation", List.of("org.apache.avro.", "io.personenricher.serde."));
    LIBRARIES.put("pending-entry codec", List.of("io.personenricher.batching.PendingEntryCodec"));
    LIBRARIES.put("Jackson (JSON)", List.of("com.fasterxml.jackson."));
    LIBRARIES.put("producer send (records to Kafka)", List.of("org.apache.kafka.clients.producer."));
    LIBRARIES.put("consumer poll", List.of("org.apache.kafka.clients.consumer."));
    LIBRARIES.put("punctuation", List.of("org.apache.kafka.streams.processor.internals.PunctuationQueue"));
    LIBRARIES.put("commit / transactions",
        List.of("org.apache.kafka.streams.processor.internals.TaskExecutor.commit",
            "org.apache.kafka.streams.processor.internals.TaskManager.commit",
            "org.apache.kafka.clients.producer.internals.TransactionManager"));
    LIBRARIES.put("enrichment processor (all of it)", List.of("io.personenricher.batching."));
    LIBRARIES.put("routing (validation, output records)", List.of("io.personenricher.routing."));
    LIBRARIES.put("client calls from the stream thread", List.of("io.personenricher.client."));
    LIBRARIES.put("logging", List.of("org.apache.logging.", "org.slf4j."));
  }

  /** A cache-hit run processes for under two seconds: at 20 ms that gave it about eighty samples. */
  private static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

  private final Path file;
  private Recording recording;

  JfrProfile(Path file) {
    this.file = file;
  }

  void start() {
    recording = new Recording();
    recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
    recording.enable("jdk.NativeMethodSample").withPeriod(SAMPLE_PERIOD);
    recording.start();
  }

  void stop() {
    recording.stop();
    try {
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    recording.close();
  }

  Path file() {
    return file;
  }

  /** The summary: {@code threads}, {@code streamThreadTopFrames}, {@code streamThreadInclusive}. */
  Map<String, Object> summarise() {
    Map<String, Long> byThread = new TreeMap<>();
    Map<String, Long> leaves = new TreeMap<>();
    Map<String, Long> inclusive = new LinkedHashMap<>();
    LIBRARIES.keySet().forEach(k -> inclusive.put(k, 0L));
    long streamSamples = 0;
    long total = 0;
    try (RecordingFile events = new RecordingFile(file)) {
      while (events.hasMoreEvents()) {
        RecordedEvent event = events.readEvent();
        String type = event.getEventType().getName();
        boolean nativeSample = type.equals("jdk.NativeMethodSample");
        if (!(type.equals("jdk.ExecutionSample") || nativeSample) || event.getStackTrace() == null) {
          continue;
        }
        List<RecordedFrame> stack = event.getStackTrace().getFrames();
        if (nativeSample && !stack.isEmpty() && isWait(frameName(stack.get(0)))) {
          // A native sample of a thread waiting in epoll or for a child process: idle, not work.
          continue;
        }
        total++;
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        String group = threadGroup(thread == null ? "?" : thread);
        byThread.merge(group, 1L, Long::sum);
        if (!group.equals("stream thread (processing)")) {
          continue;
        }
        streamSamples++;
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (!frames.isEmpty()) {
          leaves.merge(frameName(frames.get(0)) + (nativeSample ? " [native]" : ""), 1L, Long::sum);
        }
        for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
          boolean hit = frames.stream().map(JfrProfile::frameName)
              .anyMatch(name -> library.getValue().stream().anyMatch(name::startsWith));
          if (hit) {
            inclusive.merge(library.getKey(), 1L, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", total);
    out.put("threads", percentages(sortDesc(byThread), total));
    out.put("streamThreadSamples", streamSamples);
    out.put("streamThreadTopFrames", percentages(top(leaves, 15), streamSamples));
    out.put("streamThreadInclusive", percentages(inclusive, streamSamples));
    return out;
  }

  private static String threadGroup(String thread) {
    if (thread.startsWith("kafka-producer-network-thread") || thread.contains("heartbeat")
        || thread.startsWith("kafka-coordinator")) {
      return "Kafka client I/O threads";
    }
    // After the I/O check: the stream thread's producer network thread also has "StreamThread" in its name.
    if (thread.contains("StreamThread")) {
      return "stream thread (processing)";
    }
    if (thread.startsWith("vert.x-eventloop")) {
      return "Vert.x event loops (client and simulator)";
    }
    if (thread.startsWith("vert.x")) {
      return "Vert.x other";
    }
    if (thread.equals("main")) {
      return "harness (output watcher)";
    }
    if (thread.startsWith("JFR") || thread.startsWith("Attach")) {
      return "JFR";
    }
    return "broker (in-process KRaft) and other";
  }

  private static boolean isWait(String frame) {
    return frame.startsWith("sun.nio.ch.") || frame.startsWith("java.lang.ProcessHandleImpl")
        || frame.startsWith("java.net.") || frame.startsWith("jdk.internal.misc.Unsafe.park");
  }

  private static String frameName(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static Map<String, Long> sortDesc(Map<String, Long> counts) {
    return top(counts, counts.size());
  }

  private static Map<String, Long> top(Map<String, Long> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, String> percentages(Map<String, Long> counts, long total) {
    Map<String, String> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, v + " (" + Results.f(total == 0 ? 0 : 100.0 * v / total, 1) + "%)"));
    return out;
  }
}
