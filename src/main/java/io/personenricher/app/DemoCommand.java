package io.personenricher.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code enricher demo}: the whole pipeline on embedded defaults, nothing installed beforehand. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline locally with nothing installed: an embedded KRaft broker, a Confluent-API "
          + "schema registry and the API simulator; feed a bundled sample of identifier events and print a "
          + "summary as results arrive."
    })
final class DemoCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--keep-running", description = "Keep everything up after the summary until Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() {
    configOptions.load(parent.configLoader());
    // TODO(phase 2, lead): start app.local broker + registry + simulator, create topics, produce the sample,
    //  run the processor, print the summary.
    throw new NotAvailableYetException("demo");
  }
}
