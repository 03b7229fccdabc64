package io.personenricher.app;

import io.personenricher.app.local.ApicurioRegistry;
import io.personenricher.app.local.EmbeddedKafkaBroker;
import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local infrastructure of {@code demo} and {@code stack}: an embedded KRaft broker, Apicurio
 * Registry (its Confluent-compatible API) as a child process, and optionally the API simulator. The
 * registry takes the longest to boot (~6 s), so it starts on another thread while the broker starts
 * on this one.
 *
 * <p>Threading notes: {@link #start} and {@link #close} run on the caller's thread (close may also
 * run on a shutdown hook; each part's close is idempotent).
 */
final class LocalStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final ApicurioRegistry registry;
  private final CrustdataSimulator simulator;

  private LocalStack(
      EmbeddedKafkaBroker broker, ApicurioRegistry registry, CrustdataSimulator simulator) {
    this.broker = broker;
    this.registry = registry;
    this.simulator = simulator;
  }

  /**
   * @param kafkaPort 0 for a random port
   * @param registryPort 0 for a random port
   * @param registryLog where the registry's output goes
   * @param simulatorSettings empty: no simulator
   * @throws IllegalStateException when a part does not start (e.g. no Java 21+ for the registry:
   *     the message says what to install); the parts already started are stopped
   */
  static LocalStack start(
      int kafkaPort,
      int registryPort,
      Path registryLog,
      Optional<SimulatorSettings> simulatorSettings) {
    CompletableFuture<ApicurioRegistry> registry =
        CompletableFuture.supplyAsync(
            () ->
                ApicurioRegistry.start(
                    ApicurioRegistry.Settings.defaults()
                        .withPort(registryPort)
                        .withLogFile(registryLog)));
    EmbeddedKafkaBroker broker = null;
    CrustdataSimulator simulator = null;
    try {
      broker = startBrokerQuietly(kafkaPort);
      if (simulatorSettings.isPresent()) {
        simulator = new CrustdataSimulator(simulatorSettings.get());
        simulator.start();
      }
      return new LocalStack(broker, registry.join(), simulator);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (broker != null) {
        broker.close();
      }
      registry.thenAccept(ApicurioRegistry::close);
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause
          ? cause
          : e;
    }
  }

  /**
   * Kafka's storage formatter prints its bootstrap metadata to System.out; the CLI's own output
   * (picocli's writer, created before) is unaffected by swapping System.out for the few seconds of
   * the start.
   */
  private static EmbeddedKafkaBroker startBrokerQuietly(int port) {
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      return EmbeddedKafkaBroker.start(port, Map.of());
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * For Ctrl-C: the JVM runs Kafka's own shutdown hooks (which delete the embedded broker's temp
   * directories) alongside ours, so the broker, still closing, logs storage errors about files that
   * vanished. They are harmless at that point; silence Kafka's loggers instead of alarming the
   * user.
   */
  static void silenceKafkaForJvmShutdown() {
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        "kafka", org.apache.logging.log4j.Level.OFF);
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        "org.apache.kafka", org.apache.logging.log4j.Level.OFF);
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  String registryUrl() {
    return registry.ccompatUrl();
  }

  ApicurioRegistry registry() {
    return registry;
  }

  Optional<CrustdataSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
    registry.close();
    broker.close();
  }
}
