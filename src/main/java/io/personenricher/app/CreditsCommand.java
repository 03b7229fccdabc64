package io.personenricher.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code enricher credits}: the commands about the application's credits (the budget, so far). */
@Command(
    name = "credits",
    mixinStandardHelpOptions = true,
    description = "The application's credits: see or raise the credit budget of this period.",
    subcommands = {CreditsBudgetCommand.class})
final class CreditsCommand implements Runnable {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a credits command.");
  }
}
