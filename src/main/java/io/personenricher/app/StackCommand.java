package io.personenricher.app;

import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatorSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code enricher stack}: the local broker, registry and simulator on fixed ports, kept up until
 * Ctrl-C.
 *
 * <p>Threading notes: the caller's thread starts and later closes the stack; the Ctrl-C hook thread
 * only releases it and waits (bounded) until the close is done.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local Kafka broker (KRaft), a Confluent-API schema registry (Apicurio, needs a Java 21+ on the "
          + "machine) and (unless --no-simulator) the API simulator on fixed ports and keep them up until Ctrl-C, "
          + "for development and for `enricher run`. State is in memory: a restart starts empty."
    })
final class StackCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--no-simulator", description = "Do not start the API simulator.")
  boolean noSimulator;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description =
          "Schema registry port (default: ${DEFAULT-VALUE}; base URL http://127.0.0.1:PORT/apis/ccompat/v7).")
  int registryPort;

  @Option(
      names = "--simulator-port",
      defaultValue = "8089",
      description =
          "API simulator port (default: ${DEFAULT-VALUE}); the simulator has the API's own limit of "
              + "15 requests per 60 s; use `enricher simulator` alone for other settings.")
  int simulatorPort;

  @Option(
      names = "--registry-log",
      paramLabel = "FILE",
      defaultValue = "target/apicurio-registry-stack.log",
      description = "Where the registry's output goes (default: ${DEFAULT-VALUE}).")
  Path registryLog;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the local stack...");
    out.flush();
    LocalStack stack;
    try {
      stack =
          LocalStack.start(
              kafkaPort,
              registryPort,
              registryLog,
              noSimulator
                  ? Optional.empty()
                  : Optional.of(SimulatorSettings.defaults().withPort(simulatorPort)));
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("The stack could not start: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LocalStack.silenceKafkaForJvmShutdown();
                  stop.countDown();
                  try {
                    closed.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "enricher-stack-stop"));
    try (stack) {
      out.println("Local stack is up (Ctrl-C stops it):");
      out.println("  Kafka bootstrap   " + stack.bootstrapServers());
      out.println(
          "  Schema registry   "
              + stack.registryUrl()
              + "   (log: "
              + stack.registry().logFile()
              + ")");
      Optional<CrustdataSimulator> simulator = stack.simulator();
      simulator.ifPresent(
          s ->
              out.println(
                  "  API simulator     "
                      + s.baseUrl()
                      + CrustdataSimulator.ENRICH_PATH
                      + "   (key "
                      + SimulatorSettings.DEFAULT_API_KEY
                      + "; stats: "
                      + s.baseUrl()
                      + "/admin/stats)"));
      out.println();
      out.println("Run the processor against it:");
      out.println("  bin/enricher run --create-topics \\");
      out.println("    --set enricher.bootstrap.servers=" + stack.bootstrapServers() + " \\");
      out.println("    --set enricher.schema.registry.url=" + stack.registryUrl() + " \\");
      out.println(
          "    --set enricher.api.base.url="
              + simulator.map(CrustdataSimulator::baseUrl).orElse("https://api.crustdata.com")
              + " \\");
      out.println(
          "    --set enricher.api.key="
              + (simulator.isPresent() ? SimulatorSettings.DEFAULT_API_KEY : "<your key>"));
      out.flush();
      stop.await();
      out.println("Stopping the local stack...");
      out.flush();
    } finally {
      closed.countDown();
    }
    return ExitCodes.OK;
  }
}
