package io.personenricher.app;

import io.personenricher.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * One {@code enricher} invocation inside the test JVM, through the same {@link
 * EnricherCli#commandLine} the jar's main uses, with an empty environment and captured
 * stdout/stderr.
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EnricherCli.commandLine(new ConfigLoader(Map.of()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
