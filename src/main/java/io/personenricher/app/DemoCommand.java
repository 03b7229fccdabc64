package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.config.SearchSection;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import io.personenricher.simulator.SimulatorStats;
import io.personenricher.simulator.SyntheticPeople;
import io.personenricher.topology.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher demo}: the whole pipeline on embedded defaults, nothing installed beforehand.
 * Starts a local stack ({@link LocalStack}: KRaft broker, Apicurio Registry, API simulator with a
 * modest rate limit so batching shows), creates the topics, starts the processor through {@link
 * EnricherApp}, produces the sample through the same path as {@code enricher produce}, and prints a
 * live summary until every produced event has its output.
 *
 * <p>Threading notes: everything runs on the caller's thread; with {@code --keep-running} a
 * shutdown-hook thread only releases the caller and waits (bounded) on a latch until the caller has
 * closed everything.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline locally with nothing installed: an embedded KRaft broker, a Confluent-API "
          + "schema registry (Apicurio, needs a Java 21+ on the machine) and the API simulator; feed a bundled "
          + "sample of identifier events and print a summary as results arrive. Exits 0 once every event has "
          + "its output, 1 if that does not happen within --timeout.",
      "--set/--config/ENRICHER_* settings apply on top of the demo's (e.g. --set enricher.batch.linger.ms=1000)."
    })
final class DemoCommand implements Callable<Integer> {

  /**
   * The demo's simulator: the API's behaviour with a quicker window (60 requests per 10 s) and some
   * latency.
   */
  static final SimulatorSettings SIMULATOR =
      SimulatorSettings.defaults()
          .withRateLimit(60, Duration.ofSeconds(10))
          .withLatency(LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(80)));

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--keep-running",
      description = "Keep everything up after the summary until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "" + DemoSample.BUNDLED_EVENTS,
      description =
          "Events of the generated sample to produce (default: ${DEFAULT-VALUE}, the bundled "
              + "demo/identifiers.csv; more are generated the same way).")
  int events;

  @Option(
      names = "--sample",
      paramLabel = "FILE",
      description =
          "Produce this CSV/JSON-lines file instead of the bundled sample (see `enricher produce`).")
  Path sample;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "2",
      description = "Partitions of the demo topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "180",
      description =
          "Give up when not every event has its output after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--verbose", description = "Show the processor's INFO logs (stderr).")
  boolean verbose;

  /**
   * Counted down once everything is closed, so a Ctrl-C hook can let the JVM exit only after that.
   */
  private final CountDownLatch closed = new CountDownLatch(1);

  /** The people the demo simulator serves (and the sample is generated from). */
  static SyntheticPeople demoPeople() {
    return new SyntheticPeople(SIMULATOR.seed(), SIMULATOR.datasetSize());
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (events < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--events must be at least 1");
    }
    // Validate the user's settings before starting anything.
    configOptions.load(parent.configLoader());
    Map<String, Level> levelsBefore = quietLogs();
    try {
      return demo(out);
    } finally {
      // Restore what quietLogs changed: the demo may run inside another JVM (its integration test).
      levelsBefore.forEach(
          (name, level) -> {
            if (name.isEmpty()) {
              Configurator.setRootLevel(level);
            } else {
              Configurator.setLevel(name, level);
            }
          });
    }
  }

  /**
   * Unless --verbose, lowers log levels and returns the previous ones (the root logger under "").
   */
  private Map<String, Level> quietLogs() {
    Map<String, Level> before = new LinkedHashMap<>();
    if (verbose) {
      return before;
    }
    before.put("", org.apache.logging.log4j.LogManager.getRootLogger().getLevel());
    for (String name : List.of("io.personenricher", "org.apache.kafka.streams.KafkaStreams")) {
      before.put(name, org.apache.logging.log4j.LogManager.getLogger(name).getLevel());
    }
    // The summary is the demo's output; the embedded broker's and clients' warnings (temp state
    // dir, ...)
    // would drown it. Errors still show.
    Configurator.setRootLevel(Level.ERROR);
    Configurator.setLevel("io.personenricher", Level.WARN);
    Configurator.setLevel("org.apache.kafka.streams.KafkaStreams", Level.WARN);
    return before;
  }

  private int demo(PrintWriter out) throws InterruptedException {
    long started = System.nanoTime();
    Path work = tempDir();
    out.println(
        "person-enricher demo: starting an embedded Kafka broker (KRaft), a schema registry (Apicurio) "
            + "and the Crustdata API simulator...");
    out.flush();
    LocalStack stack;
    try {
      stack = LocalStack.start(0, 0, work.resolve("apicurio-registry.log"), Optional.of(SIMULATOR));
    } catch (IllegalStateException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("The demo could not start its local infrastructure:");
      err.println("  " + e.getMessage());
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
    try (stack) {
      CrustdataSimulator simulator = stack.simulator().orElseThrow();
      out.printf(
          Locale.ROOT,
          "  Kafka      %s%n  Registry   %s%n  Simulator  %s (%d requests per %d s, %d people)"
              + "%n",
          stack.bootstrapServers(),
          stack.registryUrl(),
          simulator.baseUrl(),
          SIMULATOR.rateLimitRequests(),
          SIMULATOR.rateWindow().toSeconds(),
          SIMULATOR.datasetSize());
      EnricherConfig config = demoConfig(stack, simulator, work);
      TopicNames topics = config.topicNames();
      Path input = sample != null ? sample : writeSample(work, simulator.people());
      EnricherApp.Options options =
          EnricherApp.Options.defaults()
              .withApiKey(SimulatorSettings.DEFAULT_API_KEY)
              .withTopicCreation(partitions);
      try (EnricherApp app = EnricherApp.start(config, options)) {
        out.printf(
            Locale.ROOT,
            "  Processor  RUNNING; status page http://localhost:%d/ (metrics: /metrics, ready: /ready)%n",
            app.opsPort());
        EventFileProducer.Result produced =
            EventFileProducer.produce(config, topics.input(), input, null);
        out.printf(
            Locale.ROOT,
            "Produced %d events to %s from %s%s%n",
            produced.acknowledged(),
            topics.input(),
            sample != null ? sample : "the bundled sample",
            produced.badLines().isEmpty()
                ? ""
                : " (skipped "
                    + produced.badLines().size()
                    + " bad lines: "
                    + produced.badLines().stream().limit(3).map(ParsedLine.Bad::describe).toList()
                    + ")");
        if (!produced.sendFailures().isEmpty() || produced.acknowledged() == 0) {
          out.println("Nothing (or not everything) could be produced: " + produced.sendFailures());
          out.flush();
          return ExitCodes.RUNTIME_FAILURE;
        }
        out.flush();
        DemoTally tally = watch(config, topics, produced.acknowledged(), app, simulator, out);
        boolean complete = tally.distinctKeys() >= produced.acknowledged();
        printSummary(out, tally, produced.acknowledged(), app, simulator, started, complete);
        complete = complete && DemoSearch.run(config, out, Duration.ofSeconds(timeoutSeconds));
        if (complete && keepRunning) {
          out.printf(
              Locale.ROOT,
              "%nStill running (--keep-running). Open the status page: http://localhost:%d/%n"
                  + "Or try:%n"
                  + "  bin/enricher consume --topic %s --from-beginning --max 3 --set enricher.bootstrap.servers=%s "
                  + "--set enricher.schema.registry.url=%s%n  curl http://localhost:%d/metrics%nCtrl-C to stop.%n",
              app.opsPort(),
              topics.enriched(),
              stack.bootstrapServers(),
              stack.registryUrl(),
              app.opsPort());
          out.flush();
          awaitCtrlC();
        }
        return complete ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
      }
    } finally {
      deleteQuietly(work);
      closed.countDown();
    }
  }

  private EnricherConfig demoConfig(LocalStack stack, CrustdataSimulator simulator, Path work) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(EnricherConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    settings.put(EnricherConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
    settings.put(EnricherConfig.API_BASE_URL, simulator.baseUrl());
    settings.put(
        EnricherConfig.API_RATE_LIMIT_REQUESTS, String.valueOf(SIMULATOR.rateLimitRequests()));
    settings.put(
        EnricherConfig.API_RATE_LIMIT_WINDOW_MS, String.valueOf(SIMULATOR.rateWindow().toMillis()));
    settings.put(EnricherConfig.APPLICATION_ID, "person-enricher-demo");
    settings.put(EnricherConfig.STATE_DIR, work.resolve("state").toString());
    settings.put(EnricherConfig.HTTP_PORT, "0");
    settings.put(EnricherConfig.SHUTDOWN_TIMEOUT_MS, "10000");
    // A sample arrives in a burst: a longer linger lets batches fill instead of leaving at the
    // first permit.
    settings.put(EnricherConfig.BATCH_LINGER_MS, "1000");
    // One search fans out into enriched people after the sample (DemoSearch).
    settings.put(SearchSection.SEARCH_ENABLED, "true");
    // The user's --set wins over the demo's choices (the --config file and ENRICHER_* env stay
    // below them).
    settings.putAll(configOptions.overrides);
    return parent.configLoader().load(configOptions.configFile, settings);
  }

  private Path writeSample(Path work, SyntheticPeople people) {
    List<String> lines;
    if (events <= DemoSample.BUNDLED_EVENTS) {
      lines = bundledSample().subList(0, events + 1);
    } else {
      lines = DemoSample.csv(people, events);
    }
    Path file = work.resolve("identifiers.csv");
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static List<String> bundledSample() {
    try (InputStream in = DemoCommand.class.getResourceAsStream(DemoSample.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the bundled sample " + DemoSample.RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the three output topics (read_committed) until every event has an output, printing
   * progress.
   */
  private DemoTally watch(
      EnricherConfig config,
      TopicNames topics,
      long expected,
      EnricherApp app,
      CrustdataSimulator simulator,
      PrintWriter out) {
    Map<String, Object> consumerConfig = KafkaClientConfigs.consumer(config);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Object> serde = config.serdeConfig();
    Map<String, Deserializer<?>> decoders =
        Map.of(
            topics.enriched(), AvroSerdes.specific(EnrichedPerson.class, serde).deserializer(),
            topics.unmatched(),
                AvroSerdes.specific(UnmatchedIdentifier.class, serde).deserializer(),
            topics.deadLetter(), AvroSerdes.specific(DeadLetter.class, serde).deserializer());
    DemoTally tally = new DemoTally();
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
    long nextProgress = start;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitionList = new ArrayList<>();
      for (String topic : decoders.keySet()) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitionList.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitionList);
      consumer.seekToBeginning(partitionList);
      while (tally.distinctKeys() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Object value = decoders.get(r.topic()).deserialize(r.topic(), r.headers(), r.value());
          tally.add(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8), value);
        }
        long now = System.nanoTime();
        if (now >= nextProgress || tally.distinctKeys() >= expected) {
          nextProgress = now + 1_000_000_000L;
          out.printf(
              Locale.ROOT,
              "[%5.1fs] %d/%d done | %s | %s%n",
              (now - start) / 1e9,
              tally.distinctKeys(),
              expected,
              tally.counts(),
              apiLine(simulator.stats(), app));
          out.flush();
        }
      }
    }
    return tally;
  }

  private static String apiLine(SimulatorStats stats, EnricherApp app) {
    int maxBatch = app.config().batchSettings().maxBatchSize();
    double perRequest =
        stats.requestsReceived() == 0
            ? 0
            : (double) stats.identifiersReceived() / stats.requestsReceived();
    return String.format(
        Locale.ROOT,
        "API requests %d, avg batch %.1f/%d (%.0f%% fill) | credits %s",
        stats.requestsReceived(),
        perRequest,
        maxBatch,
        100 * perRequest / maxBatch,
        formatCredits(app.client().creditsUsed()));
  }

  private void printSummary(
      PrintWriter out,
      DemoTally tally,
      long expected,
      EnricherApp app,
      CrustdataSimulator simulator,
      long started,
      boolean complete) {
    SimulatorStats stats = simulator.stats();
    out.println();
    out.println("==== person-enricher demo summary ====");
    out.printf(Locale.ROOT, "Events produced   %d%n", expected);
    out.printf(Locale.ROOT, "Enriched          %d%n", tally.enriched());
    out.printf(
        Locale.ROOT, "Unmatched         %d  (%s)%n", tally.unmatched(), tally.unmatchedReasons());
    out.printf(
        Locale.ROOT,
        "Dead-lettered     %d  (%s)%n",
        tally.deadLettered(),
        tally.deadLetterReasons());
    out.printf(Locale.ROOT, "Duplicate outputs %d%n", tally.duplicateKeys().size());
    out.printf(Locale.ROOT, "%s%n", apiLine(stats, app));
    out.printf(
        Locale.ROOT,
        "API answers       %s; largest batch %d; 429s %d%n",
        stats.statusCounts(),
        stats.largestBatch(),
        stats.rateLimited429());
    out.printf(Locale.ROOT, "Total time        %.1f s%n", (System.nanoTime() - started) / 1e9);
    if (!tally.samples().isEmpty()) {
      out.println("Sample enriched records:");
      tally.samples().forEach(s -> out.println("  " + s));
    }
    if (complete) {
      out.printf(Locale.ROOT, "Every one of the %d events has exactly one output.%n", expected);
    } else {
      out.printf(
          Locale.ROOT,
          "TIMED OUT after %d s: %d of %d events have an output (rerun with --verbose to see "
              + "the processor's logs).%n",
          timeoutSeconds,
          tally.distinctKeys(),
          expected);
    }
    out.flush();
  }

  private static String formatCredits(double credits) {
    return credits == Math.rint(credits)
        ? String.valueOf((long) credits)
        : String.format(Locale.ROOT, "%.1f", credits);
  }

  private void awaitCtrlC() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LocalStack.silenceKafkaForJvmShutdown();
                  stop.countDown();
                  try {
                    // Let the main thread close the processor and the stack before the JVM halts.
                    closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "enricher-demo-stop"));
    stop.await();
    // The caller's try-with-resources blocks close everything, then count closed down.
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("enricher-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
