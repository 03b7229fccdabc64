package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.DeadLetterReason;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher replay}: re-inject dead letters into the input topic once their cause is fixed.
 * The work is done by {@link DeadLetterReplayer}; this class parses the options, names the progress
 * group and prints the counts.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-inject dead letters into the input topic once their cause is fixed (a 5xx storm is over,"
          + " credits were bought, a bad field list was corrected). Each selected dead letter's original"
          + " event goes back, with headers naming the dead letter (enricher.replay.topic, .partition,"
          + " .offset) and a replay count (enricher.replay.count, one more when the event was itself a"
          + " replay). Dead letters with only raw bytes (undecodable input) are skipped unless"
          + " --include-undecodable.",
      "Running it twice does not replay twice: the events and the consumed dead-letter offsets are"
          + " committed in one Kafka transaction per chunk, under a consumer group named after these"
          + " options (or --group). A second run with the same options resumes after what was replayed"
          + " and finds only dead letters written since; an interrupted run resumes after its last"
          + " committed chunk. Runs with other filters keep their own progress (give them the same"
          + " --group to share it).",
      "--dry-run counts what would be replayed, by reason, and changes nothing.",
      "Exit 0 when done (also when there was nothing to replay), 1 when Kafka or the registry fails"
          + " (what was committed stays replayed; run it again to resume), 2 for bad options."
    })
final class ReplayCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--from",
      paramLabel = "TOPIC",
      description = "Dead-letter topic to read (default: enricher.topic.dead.letter).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TOPIC",
      description = "Topic to re-inject into (default: enricher.topic.input).")
  String to;

  @Option(
      names = "--reason",
      paramLabel = "REASON",
      split = ",",
      description =
          "Only these reasons (repeatable or comma-separated): UNDECODABLE, INVALID_EVENT,"
              + " REJECTED_BY_API, RETRIES_EXHAUSTED.")
  List<String> reasons = new ArrayList<>();

  @Option(
      names = "--error-class",
      paramLabel = "CLASS",
      split = ",",
      description = "Only these error classes, e.g. server_error, timeout, rate_limited.")
  List<String> errorClasses = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only dead letters that failed at or after TIME: ISO-8601 or an age (30m, 2h, 7d).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only dead letters that failed before TIME: ISO-8601 or an age (30m, 2h, 7d).")
  String until;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "Only dead letters of this record key.")
  String key;

  @Option(
      names = "--dry-run",
      description = "Count by reason what would be replayed; change nothing.")
  boolean dryRun;

  @Option(
      names = "--include-undecodable",
      description = "Also re-inject the raw bytes of undecodable inputs, verbatim.")
  boolean includeUndecodable;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description =
          "Consumer group that keeps the progress (default: <enricher.application.id>-replay-<hash of"
              + " these options>).")
  String group;

  @Override
  public Integer call() {
    EnricherConfig config = configOptions.load(parent.configLoader());
    ReplayFilter filter = filter(Instant.now());
    String deadLetterTopic = from != null ? from : config.topicNames().deadLetter();
    String inputTopic = to != null ? to : config.topicNames().input();
    String progressGroup =
        group != null
            ? group
            : config.getString(EnricherConfig.APPLICATION_ID)
                + "-replay-"
                + optionsHash(deadLetterTopic, inputTopic);
    DeadLetterReplayer.Plan plan =
        new DeadLetterReplayer.Plan(
            deadLetterTopic, inputTopic, progressGroup, filter, includeUndecodable, dryRun);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReplayProgress progress = new ReplayProgress(err, System.console() != null);
    DeadLetterReplayer.Result result = new DeadLetterReplayer(config, plan).run(progress);
    progress.finish();
    report(out, plan, result);
    return ExitCodes.OK;
  }

  private ReplayFilter filter(Instant now) {
    Set<DeadLetterReason> parsedReasons = new LinkedHashSet<>();
    try {
      reasons.forEach(r -> parsedReasons.add(ReplayFilter.parseReason(r)));
      return new ReplayFilter(
          parsedReasons,
          new LinkedHashSet<>(errorClasses),
          Optional.ofNullable(since).map(t -> ReplayFilter.parseTime(t, now)),
          Optional.ofNullable(until).map(t -> ReplayFilter.parseTime(t, now)),
          Optional.ofNullable(key));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Eight hex digits naming the options as typed (relative times as text, so that {@code --since
   * 2h} names the same group on every run).
   */
  String optionsHash(String deadLetterTopic, String inputTopic) {
    String canonical =
        String.join(
            "\n",
            deadLetterTopic,
            inputTopic,
            String.valueOf(
                new TreeSet<>(
                    reasons.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).toList())),
            String.valueOf(new TreeSet<>(errorClasses)),
            String.valueOf(since),
            String.valueOf(until),
            String.valueOf(key),
            String.valueOf(includeUndecodable));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void report(
      PrintWriter out, DeadLetterReplayer.Plan plan, DeadLetterReplayer.Result result) {
    if (result.scanned() == 0) {
      out.printf(
          Locale.ROOT,
          "Nothing to replay: %s holds no dead letter after those consumer group %s has already"
              + " read (a replay with these options ran to the end, and none was written since).%n",
          plan.deadLetterTopic(),
          plan.group());
      out.flush();
      return;
    }
    out.printf(
        Locale.ROOT,
        plan.dryRun()
            ? "Dry run: %d of %d dead letters read from %s would be replayed to %s%s%n"
            : "Replayed %d of %d dead letters read from %s to %s%s%n",
        result.replayed(),
        result.scanned(),
        plan.deadLetterTopic(),
        plan.inputTopic(),
        result.replayed() > 0 ? ":" : ".");
    result.byReason().forEach((reason, n) -> out.printf(Locale.ROOT, "  %-18s %d%n", reason, n));
    out.printf(
        Locale.ROOT,
        "Skipped: %d not selected by the filters, %d undecodable (only raw bytes; see"
            + " --include-undecodable), %d not a DeadLetter record.%n",
        result.filteredOut(),
        result.undecodableSkipped(),
        result.unreadable());
    out.printf(
        Locale.ROOT,
        plan.dryRun()
            ? "Nothing was written and no progress was recorded (consumer group %s).%n"
            : "Progress is kept in consumer group %s: the same replay run again resumes after"
                + " these and finds only dead letters written since.%n",
        plan.group());
    out.flush();
  }
}
