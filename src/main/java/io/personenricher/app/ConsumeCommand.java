package io.personenricher.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code enricher consume}: print records of our topics as JSON lines. */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = "Print records of a topic as JSON lines, decoded through the schema registry.")
final class ConsumeCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "Topic to read.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the earliest offset instead of the end.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop after this many seconds without a new record.")
  Long timeoutSeconds;

  @Override
  public Integer call() {
    configOptions.load(parent.configLoader());
    // TODO(phase 2, lead): consume with the registry serde and print each value as one JSON line.
    throw new NotAvailableYetException("consume");
  }
}
