package io.personenricher.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enricher stack}: the local broker, registry and simulator on fixed ports, kept up. */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local Kafka broker (KRaft), a Confluent-API schema registry and (unless --no-simulator) the API "
          + "simulator on fixed ports and keep them up until Ctrl-C, for development and for `enricher run`."
    })
final class StackCommand implements Callable<Integer> {

  @Option(names = "--no-simulator", description = "Do not start the API simulator.")
  boolean noSimulator;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "8081",
      description = "Schema registry port (default: ${DEFAULT-VALUE}; base URL http://localhost:PORT/apis/ccompat/v7).")
  int registryPort;

  @Option(names = "--simulator-port", defaultValue = "8089",
      description = "API simulator port (default: ${DEFAULT-VALUE}).")
  int simulatorPort;

  @Override
  public Integer call() {
    // TODO(phase 2, lead): start app.local broker + registry (+ simulator), print the endpoints, block.
    throw new NotAvailableYetException("stack");
  }
}
