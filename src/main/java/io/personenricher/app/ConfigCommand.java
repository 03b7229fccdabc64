package io.personenricher.app;

import io.personenricher.config.ConfigDocs;
import io.personenricher.config.EnricherConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher config}: validate and print the resolved configuration, or the reference of every
 * key.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Resolve the configuration exactly as `run` would (defaults, --config file, ENRICHER_* env, --set), "
          + "validate it and print every setting with its origin; secrets are masked. Exit 2 when invalid.",
      "With --docs, print the reference of every setting (Markdown)."
    })
final class ConfigCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--docs", description = "Print the reference table of every setting instead.")
  boolean docs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (docs) {
      out.print(ConfigDocs.markdown());
    } else {
      EnricherConfig config = configOptions.load(parent.configLoader());
      config.describe().forEach(out::println);
      if (config.apiKey().isEmpty()) {
        out.println("# note: enricher.api.key is not set; `run` needs it (ENRICHER_API_KEY).");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
