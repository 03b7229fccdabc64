package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code enricher run}: the processor against a real broker, registry and API (production mode). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the processor against real Kafka, schema registry and the Crustdata API (production mode).",
      "Needs enricher.api.key (env ENRICHER_API_KEY). Serves /health, /ready and /metrics on "
          + "enricher.http.port; stops gracefully on SIGTERM within enricher.shutdown.timeout.ms."
    })
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand EnricherCli parent;

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() {
    EnricherConfig config = configOptions.load(parent.configLoader());
    config.requireApiKey();
    log.info("Resolved configuration:{}{}", System.lineSeparator(),
        String.join(System.lineSeparator(), config.describe().stream().map(l -> "  " + l).toList()));
    // TODO(phase 2, lead): build the app from config (serdes, client, topology, KafkaStreams, OpsServer,
    //  PrometheusEnricherMetrics), wait for RUNNING, install the SIGTERM hook, block until shutdown.
    throw new NotAvailableYetException("run");
  }
}
