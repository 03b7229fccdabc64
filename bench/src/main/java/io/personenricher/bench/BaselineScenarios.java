package io.personenricher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SyntheticPeople;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Scenario 4: what a user would build instead, against the same simulator (same latency, no rate limit) and the
 * same events: (a) Kafka Streams {@code mapValues} with one blocking HTTP call per record, in this JVM; (b)
 * Confluent Parallel Consumer's Vert.x module with one async call per record, in its own JVM on its own
 * classpath (it is built for Vert.x 4); (c) the same Parallel Consumer program on the product's classpath
 * (Vert.x 5.2.0), to record what happens there. Each runs for a fixed window after its first completed call.
 */
final class BaselineScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "baseline.identifiers";

  /** One baseline's rate, or why there is none. */
  record Baseline(double recordsPerSecond, double callsPer1000, String failure, Map<String, Object> details) {}

  private BaselineScenarios() {}

  /**
   * @param pipelineByInFlight scenario 2's drains by in-flight bound: the pipeline side of the comparison
   */
  static void run(BenchInfra infra, BenchPlan plan, Results results, Map<Integer, PipelineDrain> pipelineByInFlight,
      Path pcDir) {
    String s = "4 baselines";
    int events = 5_000;
    infra.createTopic(TOPIC, 1);
    SyntheticPeople people = new SyntheticPeople(42L, 200_000);
    infra.produce(TOPIC, events, i -> BenchInfra.distinctEvent(people, i, 0));
    Map<String, Object> d = new LinkedHashMap<>();
    try (CrustdataSimulator simulator = new CrustdataSimulator(infra.simulatorVertx,
        ThroughputScenarios.simulator(ThroughputScenarios.UNLIMITED, Duration.ofSeconds(60), plan.latency()))) {
      simulator.start();
      Baseline naive = naive(infra, plan, simulator);
      Baseline pc = parallelConsumer(infra, plan, simulator, pcDir, false);
      Baseline pcOnVertx5 = parallelConsumer(infra, plan, simulator, pcDir, true);
      d.put("naive", naive.details());
      d.put("parallelConsumer", pc.details());
      d.put("parallelConsumerOnProductClasspath", pcOnVertx5.details());

      PipelineDrain atDefault = pipelineByInFlight.get(4);
      PipelineDrain atSame = pipelineByInFlight.get(plan.baselineConcurrency());
      double defaultCalls = callsPer1000(atDefault);
      double sameCalls = callsPer1000(atSame);
      results.info(s, "naive mapValues + blocking call: records/s", Results.f(naive.recordsPerSecond(), 2)
          + ", " + Results.f(naive.callsPer1000(), 0) + " calls/1000");
      if (atDefault != null) {
        double ratio = atDefault.steadyRate() / naive.recordsPerSecond();
        results.row(s, "pipeline (in-flight 4, default) / naive", Results.f(ratio, 0) + "x", ">= 100x",
            ratio >= 100);
      }
      if (atSame != null) {
        results.info(s, "pipeline (in-flight " + plan.baselineConcurrency() + ") / naive",
            Results.f(atSame.steadyRate() / naive.recordsPerSecond(), 0) + "x");
      }
      if (pc.failure() == null) {
        results.info(s, "Parallel Consumer (concurrency " + plan.baselineConcurrency() + "): records/s",
            Results.f(pc.recordsPerSecond(), 1) + ", " + Results.f(pc.callsPer1000(), 0) + " calls/1000");
        if (atSame != null) {
          double ratio = atSame.steadyRate() / pc.recordsPerSecond();
          results.row(s, "pipeline (in-flight " + plan.baselineConcurrency() + ") / Parallel Consumer",
              Results.f(ratio, 1) + "x", ">= 1x", ratio >= 1);
          double callRatio = sameCalls / pc.callsPer1000();
          results.row(s, "API calls per 1000 events: pipeline / PC", Results.f(sameCalls, 1) + " / "
              + Results.f(pc.callsPer1000(), 0) + " = 1/" + Results.f(1 / callRatio, 1), "<= 1/20",
              callRatio <= 1.0 / 20);
        }
      } else {
        results.row(s, "Parallel Consumer", "did not run", ">= 1x", false);
        results.note("Parallel Consumer baseline failed: " + pc.failure());
      }
      results.info(s, "Parallel Consumer on the product classpath (Vert.x 5)",
          pcOnVertx5.failure() == null ? "ran: " + Results.f(pcOnVertx5.recordsPerSecond(), 1) + " records/s"
              : "fails: " + abbreviate(pcOnVertx5.failure().replace("Exception in thread \"main\" ", ""), 150));
      if (pcOnVertx5.failure() != null) {
        results.note("Parallel Consumer 0.5.3.3 on the product's classpath (Vert.x 5.2.0, Netty 4.2, Kafka clients "
            + "4.3.1): " + pcOnVertx5.failure());
      }
      d.put("pipelineInFlight4CallsPer1000", defaultCalls);
      d.put("pipelineSameConcurrencyCallsPer1000", sameCalls);
    }
    results.details(s, d);
  }

  private static double callsPer1000(PipelineDrain run) {
    return run == null || run.outputs() == 0 ? 0 : run.simulator().requestsReceived() * 1000.0 / run.outputs();
  }

  /** Kafka Streams, {@code mapValues} with a blocking call: the common first attempt. */
  private static Baseline naive(BenchInfra infra, BenchPlan plan, CrustdataSimulator simulator) {
    // HTTP/1.1 as the API speaks it; the JDK client's default h2c upgrade attempt gets a GOAWAY from Vert.x.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create(simulator.baseUrl() + CrustdataSimulator.ENRICH_PATH);
    AtomicBoolean stopped = new AtomicBoolean();
    // When each call completed: only the stream thread appends.
    List<Long> completionNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    StreamsBuilder builder = new StreamsBuilder();
    String out = "baseline.naive.out";
    infra.createTopic(out, 1);
    builder.stream(TOPIC, Consumed.with(Serdes.String(),
            AvroSerdes.specific(IdentifierEvent.class, infra.serdeConfig())))
        .mapValues(event -> {
          if (stopped.get()) {
            // The window is over: let Streams run through its buffered records quickly so close() returns.
            return "stopped";
          }
          String body = call(http, uri, event);
          completionNanos.add(System.nanoTime());
          return body;
        })
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    long simulatorBefore = simulator.stats().requestsReceived();
    try (EnricherRunner runner = EnricherRunner.topology(infra.bootstrap(), "baseline-naive", builder.build())) {
      runner.start();
      long start = System.nanoTime();
      while (completionNanos.isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
        EnricherRunner.sleep(20);
        runner.checkAlive();
      }
      long windowStart = System.nanoTime();
      long callsAtStart = completionNanos.size();
      EnricherRunner.sleep(plan.baselineSeconds() * 1000L);
      long windowEnd = System.nanoTime();
      double seconds = (windowEnd - windowStart) / 1e9;
      long callsInWindow = completionNanos.size() - callsAtStart;
      stopped.set(true);
      // Calls per second between the window's first and last completion: a count of whole calls in a fixed
      // window of 20 s, at about 3 calls a second, moved the rate by 1.5 % per call (64 or 65 calls).
      List<Long> inWindow;
      synchronized (completionNanos) {
        inWindow = completionNanos.stream().filter(t -> t >= windowStart && t <= windowEnd).toList();
      }
      double rate = inWindow.size() >= 2
          ? (inWindow.size() - 1) * 1e9 / (inWindow.get(inWindow.size() - 1) - inWindow.get(0))
          : callsInWindow / seconds;
      long requests = simulator.stats().requestsReceived() - simulatorBefore;
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("windowSeconds", seconds);
      d.put("callsInWindow", callsInWindow);
      d.put("rateFrom", "first to last completion in the window, " + inWindow.size() + " completions");
      d.put("recordsPerSecond", rate);
      d.put("callsPerRecord", 1);
      d.put("simulatorRequests", requests);
      d.put("note", "1 partition, 1 stream thread, exactly-once v2, JDK HttpClient.send per record");
      return new Baseline(rate, 1000, null, d);
    }
  }

  private static String call(HttpClient http, URI uri, IdentifierEvent event) {
    String list = event.getIdentifierType() == IdentifierType.BUSINESS_EMAIL
        ? "business_emails" : "professional_network_profile_urls";
    String body = JSON.createObjectNode().set(list, JSON.createArrayNode().add(event.getIdentifier())).toString();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("authorization", "Bearer " + SimulatorSettings.DEFAULT_API_KEY)
        .header("x-api-version", "2025-11-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parallel Consumer in a child JVM. {@code onProductClasspath}: the product's runtime classpath (Vert.x 5.2.0,
   * Netty 4.2, Kafka clients 4.3.1) plus only Parallel Consumer's own jars, instead of its Vert.x 4 stack.
   */
  private static Baseline parallelConsumer(BenchInfra infra, BenchPlan plan, CrustdataSimulator simulator,
      Path pcDir, boolean onProductClasspath) {
    Map<String, Object> d = new LinkedHashMap<>();
    Path classpathFile = pcDir.resolve("target/classpath.txt");
    if (!Files.exists(classpathFile)) {
      return new Baseline(0, 0, "not built: " + classpathFile + " is missing (bench/run builds it)", d);
    }
    String pcClasspath;
    try {
      pcClasspath = Files.readString(classpathFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classes = pcDir.resolve("target/classes").toString();
    String classpath;
    if (onProductClasspath) {
      String own = Arrays.stream(pcClasspath.split(":"))
          .filter(jar -> jar.contains("/io/confluent/parallelconsumer/") || jar.contains("/pl/tlinkowski/")
              || jar.contains("/com/google/guava/"))
          .collect(Collectors.joining(":"));
      classpath = classes + ":" + own + ":" + System.getProperty("java.class.path");
    } else {
      classpath = classes + ":" + pcClasspath;
    }
    String group = onProductClasspath ? "bench-pc-vertx5" : "bench-pc";
    int seconds = onProductClasspath ? 5 : plan.baselineSeconds();
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", classpath,
        "io.personenricher.bench.pc.ParallelConsumerBaseline", infra.bootstrap(), TOPIC, simulator.baseUrl(),
        SimulatorSettings.DEFAULT_API_KEY, Integer.toString(plan.baselineConcurrency()), Integer.toString(seconds),
        group));
    if (onProductClasspath) {
      // Let the library build its own Vert.x and WebClient: then any failure is the library's, not this program's
      // (WebClientOptions.setMaxPoolSize, which the program uses otherwise, no longer exists in Vert.x 5).
      command.add("library-defaults");
    }
    long simulatorBefore = simulator.stats().requestsReceived();
    ChildProcess.Outcome outcome = ChildProcess.run(command, Duration.ofSeconds(seconds + 90));
    d.put("classpath", onProductClasspath ? "product runtime classpath + Parallel Consumer jars" : "own (Vert.x 4)");
    d.put("exitCode", outcome.exitCode());
    d.put("simulatorRequests", simulator.stats().requestsReceived() - simulatorBefore);
    JsonNode result = outcome.resultJson();
    if (result == null) {
      String why = outcome.firstError();
      d.put("failure", why);
      d.put("outputTail", outcome.tail(40));
      return new Baseline(0, 0, why, d);
    }
    d.put("result", JSON.convertValue(result, Map.class));
    double completed = result.get("completed").asDouble();
    double calls = completed == 0 ? 0 : (simulator.stats().requestsReceived() - simulatorBefore) * 1000.0 / completed;
    d.put("callsPer1000", calls);
    return new Baseline(result.get("recordsPerSecond").asDouble(), calls, null, d);
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
