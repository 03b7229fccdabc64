package io.personenricher.testutil;

import io.personenricher.app.local.ApicurioRegistry;
import io.personenricher.app.local.EmbeddedKafkaBroker;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Resolves {@link Broker} and {@link SchemaRegistry} test parameters. Each is started lazily, once
 * per test run (kept in the root context's store, so every test class in the JVM shares it) and
 * closed when the run ends.
 *
 * <p>Broker, first that applies: env {@code KAFKA_BOOTSTRAP_SERVERS}; a Testcontainers Kafka when
 * Docker is available (image from env {@code KAFKA_TEST_IMAGE}, default {@value
 * #DEFAULT_KAFKA_IMAGE}); the in-process {@link EmbeddedKafkaBroker}. Registry: env {@code
 * SCHEMA_REGISTRY_URL}; else an {@link ApicurioRegistry} child process.
 *
 * <p>Threading notes: the root store's {@code getOrComputeIfAbsent} is atomic, so parallel test
 * classes would still start one broker and one registry.
 */
public final class KafkaInfraExtension implements ParameterResolver {

  public static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.3.1";
  private static final Logger log = LoggerFactory.getLogger(KafkaInfraExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaInfraExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Broker.class || type == SchemaRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Class<?> type = parameter.getParameter().getType();
    if (type == Broker.class) {
      return store.getOrComputeIfAbsent(Broker.class, k -> startBroker(), Running.class).value();
    }
    if (type == SchemaRegistry.class) {
      return store
          .getOrComputeIfAbsent(SchemaRegistry.class, k -> startRegistry(), Running.class)
          .value();
    }
    throw new ParameterResolutionException("unsupported parameter type " + type);
  }

  /** A started resource and how to stop it; the store closes it at the end of the run. */
  record Running(Object value, AutoCloseable stopper) implements AutoCloseable {
    @Override
    public void close() {
      try {
        stopper.close();
      } catch (Exception e) {
        throw new IllegalStateException(
            "could not stop test infrastructure " + value + ": " + e, e);
      }
    }
  }

  private static Running startBroker() {
    Optional<String> fromEnv = env("KAFKA_BOOTSTRAP_SERVERS");
    if (fromEnv.isPresent()) {
      log.info("Tests use the Kafka broker at {} (KAFKA_BOOTSTRAP_SERVERS)", fromEnv.get());
      return new Running(new Broker(fromEnv.get(), "env KAFKA_BOOTSTRAP_SERVERS"), () -> {});
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      String image = env("KAFKA_TEST_IMAGE").orElse(DEFAULT_KAFKA_IMAGE);
      KafkaContainer container = new KafkaContainer(image);
      container.start();
      log.info(
          "Tests use a Testcontainers Kafka broker ({}) at {}",
          image,
          container.getBootstrapServers());
      return new Running(
          new Broker(container.getBootstrapServers(), "testcontainers"), container::stop);
    }
    long started = System.nanoTime();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    log.info(
        "Tests use an embedded KRaft broker at {} (started in {} ms)",
        broker.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
    return new Running(new Broker(broker.bootstrapServers(), "embedded KRaft"), broker);
  }

  private static Running startRegistry() {
    Optional<String> fromEnv = env("SCHEMA_REGISTRY_URL");
    if (fromEnv.isPresent()) {
      log.info("Tests use the Schema Registry at {} (SCHEMA_REGISTRY_URL)", fromEnv.get());
      return new Running(new SchemaRegistry(fromEnv.get(), "env SCHEMA_REGISTRY_URL"), () -> {});
    }
    long started = System.nanoTime();
    ApicurioRegistry registry = ApicurioRegistry.start();
    log.info(
        "Tests use Apicurio Registry at {} (pid {}, started in {} ms, log {})",
        registry.ccompatUrl(),
        registry.pid(),
        (System.nanoTime() - started) / 1_000_000,
        registry.logFile());
    return new Running(
        new SchemaRegistry(registry.ccompatUrl(), "Apicurio Registry (child process)"), registry);
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
  }
}
