package io.personenricher.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enricher simulator}: the Crustdata API simulator alone. */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = "Serve the Crustdata Person Enrich API simulator (deterministic dataset, quota, faults).")
final class SimulatorCommand implements Callable<Integer> {

  // TODO(phase 2, lead): align these flags with the simulator's own settings once it is merged.
  @Option(names = "--port", defaultValue = "8089", description = "HTTP port; 0 picks one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--dataset-size", defaultValue = "1000",
      description = "People in the generated dataset (default: ${DEFAULT-VALUE}).")
  int datasetSize;

  @Option(names = "--rate-limit", defaultValue = "15",
      description = "Requests allowed per window per key (default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(names = "--rate-window-ms", defaultValue = "60000",
      description = "Rate-limit window in ms (default: ${DEFAULT-VALUE}).")
  long rateWindowMs;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Added latency per request (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--fault-rate", defaultValue = "0",
      description = "Fraction of requests answered with a 5xx, 0.0 to 1.0 (default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Override
  public Integer call() {
    throw new NotAvailableYetException("simulator");
  }
}
