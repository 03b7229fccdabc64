package io.personenricher.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code enricher produce}: load identifier events from CSV or JSON lines into a topic, as Avro. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produce identifier events from a CSV or JSON-lines file (columns: key, type, identifier, optional "
          + "min_similarity_score, fields) as Avro. Bad lines are reported with their line number and skipped."
    })
final class ProduceCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Target topic (default: enricher.topic.input).")
  String topic;

  @Option(names = "--file", paramLabel = "FILE", required = true,
      description = "Input file: *.csv (with a header row) or *.jsonl.")
  Path file;

  @Override
  public Integer call() {
    configOptions.load(parent.configLoader());
    // TODO(phase 2, lead): parse the file, serialize with the registry serde, produce with a progress bar.
    throw new NotAvailableYetException("produce");
  }
}
