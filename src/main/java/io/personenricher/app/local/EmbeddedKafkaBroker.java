package io.personenricher.app.local;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) inside this JVM, built on
 * Kafka's {@code KafkaClusterTestKit}. Used by the local demo/stack commands and the test fixtures.
 * Internal topics use replication factor 1 and the first consumer group rebalances without delay.
 *
 * <p>{@code KafkaClusterTestKit} is an internal Kafka API (it changed between 4.2 and 4.3); this
 * class is the only place that touches it, so a Kafka upgrade means edits here only.
 *
 * <p>Threading notes: {@link #close()} is idempotent and synchronized, so a shutdown hook and the
 * owner may both call it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /**
   * The extra listener carrying a fixed port; the test kit's own listener always gets a random one.
   */
  private static final String FIXED_LISTENER = "FIXED";

  private final KafkaClusterTestKit kit;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaClusterTestKit kit, String bootstrapServers) {
    this.kit = kit;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker on a random port. */
  public static EmbeddedKafkaBroker start() {
    return start(0, Map.of());
  }

  /**
   * Starts a broker.
   *
   * @param fixedPort 0 for a random port; otherwise clients connect on {@code 127.0.0.1:fixedPort}
   *     (an extra listener; the test kit's own listener stays on a random port)
   * @param brokerOverrides extra broker configuration, applied last
   */
  public static EmbeddedKafkaBroker start(int fixedPort, Map<String, String> brokerOverrides) {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "5")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "5")
            .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
            .setConfigProp("share.coordinator.state.topic.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0");
    if (fixedPort != 0) {
      String brokerListener = nodes.brokerListenerName().value();
      String controllerListener = nodes.controllerListenerName().value();
      // Same listeners the kit would set, plus one with the fixed port. Its advertised address is
      // the same 127.0.0.1:port, so clients bootstrapping there stay on it.
      builder
          .setConfigProp(
              "listeners",
              brokerListener
                  + "://localhost:0,"
                  + controllerListener
                  + "://localhost:0,"
                  + FIXED_LISTENER
                  + "://127.0.0.1:"
                  + fixedPort)
          .setConfigProp(
              "listener.security.protocol.map",
              brokerListener
                  + ":PLAINTEXT,"
                  + controllerListener
                  + ":PLAINTEXT,"
                  + FIXED_LISTENER
                  + ":PLAINTEXT");
    }
    brokerOverrides.forEach(builder::setConfigProp);
    KafkaClusterTestKit kit = null;
    try {
      kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
    } catch (Exception e) {
      if (kit != null) {
        try {
          kit.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "could not start the embedded Kafka broker"
              + (fixedPort != 0 ? " on port " + fixedPort + " (is it already in use?)" : "")
              + ": "
              + e,
          e);
    }
    String bootstrap = fixedPort != 0 ? "127.0.0.1:" + fixedPort : kit.bootstrapServers();
    return new EmbeddedKafkaBroker(kit, bootstrap);
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kit.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("could not stop the embedded Kafka broker cleanly: " + e, e);
    }
  }
}
