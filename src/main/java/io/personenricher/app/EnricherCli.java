package io.personenricher.app;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.InvalidConfigException;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code enricher} command line, the entry point of the runnable jar ({@code bin/enricher}).
 *
 * <p>Exit codes ({@link ExitCodes}): 0 done, 1 runtime failure, 2 usage or configuration error.
 * Configuration comes from {@link ConfigLoader} over the process environment; {@link
 * #commandLine(ConfigLoader)} lets tests pass their own environment.
 */
@Command(
    name = "enricher",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Enriches person identifier events from Kafka through the Crustdata Person Enrich API.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      StackCommand.class,
      SimulatorCommand.class,
      ProduceCommand.class,
      SearchCommand.class,
      ConsumeCommand.class,
      ReplayCommand.class,
      ConfigCommand.class,
      CreditsCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:runtime failure (broker/registry/API unreachable, processing error)",
      "2:usage or configuration error (fix the command line or the config)",
      "3:produce: some input lines were bad and skipped (the rest was sent)"
    },
    footerHeading = "%n",
    footer =
        "Settings: `enricher config --docs` lists every key; env ENRICHER_FOO_BAR sets enricher.foo.bar.")
public final class EnricherCli implements Runnable {

  private final ConfigLoader configLoader;

  @Spec CommandSpec spec;

  EnricherCli(ConfigLoader configLoader) {
    this.configLoader = Objects.requireNonNull(configLoader, "configLoader");
  }

  /** The loader subcommands read their configuration with. */
  ConfigLoader configLoader() {
    return configLoader;
  }

  @Override
  public void run() {
    // No subcommand: say what there is, and count it as a usage error so scripts notice.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  public static void main(String[] args) {
    System.exit(commandLine(ConfigLoader.fromSystemEnvironment()).execute(args));
  }

  /** A configured command line: exit codes mapped, config errors printed as a list of fixes. */
  public static CommandLine commandLine(ConfigLoader loader) {
    CommandLine cli = new CommandLine(new EnricherCli(loader));
    cli.setExitCodeExceptionMapper(EnricherCli::exitCode);
    cli.setExecutionStrategy(EnricherCli::rejectUnmatchedThenRun);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof InvalidConfigException invalid) {
            err.println("Configuration error" + (invalid.problems().size() > 1 ? "s:" : ":"));
            invalid.problems().forEach(p -> err.println("  - " + p));
            err.println("See `enricher config --docs` for every setting and its valid values.");
          } else {
            err.println("enricher " + commandLine.getCommandName() + " failed: " + describe(e));
          }
          err.flush();
          return exitCode(e);
        });
    return cli;
  }

  /**
   * Picocli lets {@code --help} or {@code --version} win over an unknown command ({@code enricher
   * lookup --help} printed the top-level help and exited 0), so a typo'd command looked like
   * success to a script. Any argument that matched nothing is a usage error, whatever else was
   * asked.
   */
  private static int rejectUnmatchedThenRun(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(
            level.commandSpec().commandLine(), level.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static int exitCode(Throwable e) {
    if (e instanceof InvalidConfigException || e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE_OR_CONFIG;
    }
    return ExitCodes.RUNTIME_FAILURE;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      text.append(System.lineSeparator()).append("  caused by: ").append(cause);
    }
    return text.toString();
  }
}
