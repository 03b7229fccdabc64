package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher produce}: load identifier events from CSV or JSON lines into a topic, as Avro.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produce identifier events from a CSV or JSON-lines file as Avro through the schema registry.",
      "Columns (CSV header) or JSON fields: key, type (email|business_email|url|profile_url), identifier, "
          + "optional min_similarity_score, optional fields (;-separated). Bad lines are reported on stderr with "
          + "their line number and skipped; every send is acknowledged before the count is printed.",
      "Exit 0 when every line was sent, "
          + ExitCodes.SOME_INPUT_SKIPPED
          + " when some lines were skipped (the "
          + "rest was sent), 1 when a send failed."
    })
final class ProduceCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Target topic (default: enricher.topic.input).")
  String topic;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      required = true,
      description = "Input file: *.csv (with a header row) or *.jsonl.")
  Path file;

  @Override
  public Integer call() {
    EnricherConfig config = configOptions.load(parent.configLoader());
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(
          spec.commandLine(), "--file " + file + " does not exist or is not a file");
    }
    try {
      IdentifierFileReader.Format.of(file.getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String target = topic != null ? topic : config.topicNames().input();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EventFileProducer.Result result = EventFileProducer.produce(config, target, file, err);
    result.sendFailures().forEach(f -> err.println("send failed: " + f));
    err.flush();
    out.println(
        "Produced "
            + result.acknowledged()
            + " of "
            + result.events()
            + " events to "
            + target
            + " from "
            + file
            + (result.badLines().isEmpty()
                ? ""
                : "; skipped " + result.badLines().size() + " bad line(s)")
            + (result.sendFailures().isEmpty()
                ? ""
                : "; " + (result.events() - result.acknowledged()) + " send(s) FAILED"));
    out.flush();
    if (result.acknowledged() != result.events()) {
      return ExitCodes.RUNTIME_FAILURE;
    }
    return result.badLines().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_INPUT_SKIPPED;
  }
}
