package io.personenricher.app;

import io.personenricher.config.CreditsSection;
import io.personenricher.config.EnricherConfig;
import io.personenricher.config.QuotaSection;
import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetSettings;
import io.personenricher.credits.BudgetStatus;
import io.personenricher.credits.CreditFold;
import io.personenricher.credits.CreditRecord;
import io.personenricher.credits.Credits;
import io.personenricher.ledger.KafkaLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher credits budget [--raise-to N]}: prints what the whole application spent of this
 * period's budget, as the credit ledger {@code <application.id>-credits} has it; with {@code
 * --raise-to}, appends the period's override record, which every running instance adopts as soon as
 * its ledger reader sees it (the budget in force is the higher of the configured one and the
 * override; a halted application resumes by itself). The override ends with the period.
 *
 * <p>Threading notes: runs on the caller's thread only.
 */
@Command(
    name = "budget",
    mixinStandardHelpOptions = true,
    description = {
      "Print this period's credit budget, spend and reservations across every instance of the"
          + " application (from the topic <application.id>-credits).",
      "With --raise-to N, raise this period's budget to N for every instance at once; a halted"
          + " application (BUDGET_EXHAUSTED) resumes by itself. Pass the application's own"
          + " --config/--set so the application id and the period match."
    })
final class CreditsBudgetCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParentCommand CreditsCommand parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--raise-to",
      paramLabel = "CREDITS",
      description =
          "This period's budget for the whole application, from now until the period ends.")
  Double raiseTo;

  @Override
  public Integer call() throws Exception {
    EnricherConfig config = configOptions.load(parent.parent.configLoader());
    checkUsable(config);
    BudgetSettings settings = config.budgetSettings();
    PrintWriter out = spec.commandLine().getOut();
    String topic = QuotaInstance.creditLedgerTopic(config);
    // Creating the topic when missing lets an operator raise the budget before the first start.
    TopicCheck.ensureCreditLedger(
        KafkaClientConfigs.admin(config),
        topic,
        QuotaInstance.creditLedgerRetention(config),
        TIMEOUT);
    try (KafkaLog<CreditRecord> ledger =
        new KafkaLog<>(
            KafkaClientConfigs.producer(config),
            KafkaClientConfigs.consumer(config),
            topic,
            "enricher-credits-cli",
            CreditRecord.CODEC)) {
      Instant now = Clock.systemUTC().instant();
      BudgetPeriod.Span span = settings.period().at(now);
      if (raiseTo != null) {
        CreditRecord.BudgetOverride raise = CreditRecord.BudgetOverride.of(span, raiseTo);
        ledger
            .append(raise.key(), raise)
            .toCompletableFuture()
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      CreditFold fold = new CreditFold();
      ledger.readToEnd(TIMEOUT).forEach(fold::apply);
      BudgetStatus status =
          new BudgetStatus(
              span,
              settings.budget(),
              fold.override(span.id()),
              fold.spent(span.id()),
              fold.reserved(span.id(), now.toEpochMilli()),
              Optional.empty(),
              true);
      print(out, topic, status);
      if (raiseTo != null && status.effective().orElse(0.0) > raiseTo) {
        out.println(
            "Note: "
                + Credits.format(raiseTo)
                + " is below the configured "
                + CreditsSection.CREDITS_BUDGET
                + "; the configured budget stays in force.");
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private void checkUsable(EnricherConfig config) {
    if (raiseTo != null && !(raiseTo > 0 && Double.isFinite(raiseTo))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--raise-to " + raiseTo + ": must be a positive number of credits for this period.");
    }
    if (config.budgetSettings().budget().isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          CreditsSection.CREDITS_BUDGET
              + " is unset: the application has no budget to see or raise. Pass the application's"
              + " config (--config FILE or --set "
              + CreditsSection.CREDITS_BUDGET
              + "=N).");
    }
    if (!config.quotaThroughKafka()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "with "
              + QuotaSection.QUOTA_COORDINATION
              + "=local the budget lives in the running instance's memory: restart it with a higher "
              + CreditsSection.CREDITS_BUDGET
              + " instead.");
    }
  }

  private static void print(PrintWriter out, String topic, BudgetStatus status) {
    out.println("Credit budget of period " + status.period().id() + " (from " + topic + ")");
    out.println("  period:    " + status.period().start() + " to " + status.period().end());
    out.println(
        "  budget:    "
            + Credits.format(status.effective().orElseThrow())
            + status.override().map(o -> " (raised to " + Credits.format(o) + ")").orElse(""));
    out.println("  spent:     " + Credits.format(status.spent()));
    out.println("  reserved:  " + Credits.format(status.reserved()));
    out.println("  left:      " + Credits.format(status.left().orElseThrow()));
    out.println("  used:      " + Math.round(status.usedRatio() * 1000) / 10.0 + "%");
  }
}
