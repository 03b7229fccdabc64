package io.personenricher.testutil;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A running Kafka broker for tests, injected by {@link KafkaInfraExtension}.
 *
 * @param bootstrapServers the {@code bootstrap.servers} value
 * @param origin where it came from: "env KAFKA_BOOTSTRAP_SERVERS", "testcontainers" or "embedded
 *     KRaft"
 */
public record Broker(String bootstrapServers, String origin) {

  /** A fresh mutable map holding {@code bootstrap.servers}, to add client settings to. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}
