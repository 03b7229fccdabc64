package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code enricher run}: the processor against a real broker, registry and API (production mode).
 *
 * <p>Threading notes: the main thread starts the app and blocks on {@link EnricherApp#stopped()};
 * on SIGTERM or SIGINT the JVM's shutdown-hook thread closes the app (graceful drain) and counts a
 * latch down, which the main thread waits on before returning, so the exit happens only after the
 * close finished.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the processor against real Kafka, schema registry and the Crustdata API (production mode) until "
          + "SIGTERM/SIGINT.",
      "Needs enricher.api.key (env ENRICHER_API_KEY). The four topics must exist (or pass --create-topics). "
          + "Serves /health, /ready and /metrics on enricher.http.port; stops gracefully on SIGTERM within "
          + "enricher.shutdown.timeout.ms. Exits 1 if Kafka Streams stops by itself (state ERROR), naming "
          + "the exception that killed its last stream thread."
    })
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand EnricherCli parent;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--create-topics",
      paramLabel = "PARTITIONS",
      arity = "0..1",
      fallbackValue = "4",
      description =
          "Create missing topics with this many partitions (default when given without a value: "
              + "${FALLBACK-VALUE}) instead of failing.")
  Integer createTopics;

  @Override
  public Integer call() throws InterruptedException {
    EnricherConfig config = configOptions.load(parent.configLoader());
    config.requireApiKey();
    EnricherApp.Options options =
        new EnricherApp.Options(
            Optional.empty(),
            Optional.ofNullable(createTopics),
            EnricherApp.Options.defaults().startupTimeout());
    EnricherApp app = EnricherApp.start(config, options);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log.info("Signal received: shutting down gracefully");
              app.close();
              closed.countDown();
            },
            "enricher-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    KafkaStreams.State end;
    try {
      end = app.stopped().get();
    } catch (ExecutionException e) {
      end = KafkaStreams.State.ERROR;
    }
    if (end == KafkaStreams.State.ERROR) {
      // Stopped by itself, not by a signal: close what is left and report a failure.
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        closed.await();
      }
      String reason = app.stopReason();
      app.close();
      // Printed at exit as "enricher run failed: <reason>", exit code 1.
      throw new IllegalStateException(reason);
    }
    // Closed by the hook: wait until it has finished before main returns and System.exit runs.
    closed.await();
    return ExitCodes.OK;
  }
}
