package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Plain Kafka client settings (admin, producer, consumer) for the CLI's own clients, derived from
 * the same {@code enricher.kafka.*} pass-through the Streams app gets, so security settings (SASL,
 * TLS) reach every client. Only keys the client type knows are passed (Streams-only keys would be
 * logged as unknown); a {@code admin.}/{@code producer.}/{@code consumer.} prefixed key wins over
 * its plain twin, as in Kafka Streams.
 */
final class KafkaClientConfigs {

  private KafkaClientConfigs() {}

  static Map<String, Object> admin(EnricherConfig config) {
    return forClient(config, AdminClientConfig.configNames(), "admin.");
  }

  static Map<String, Object> producer(EnricherConfig config) {
    return forClient(config, ProducerConfig.configNames(), "producer.");
  }

  static Map<String, Object> consumer(EnricherConfig config) {
    return forClient(config, ConsumerConfig.configNames(), "consumer.");
  }

  private static Map<String, Object> forClient(
      EnricherConfig config, Set<String> known, String prefix) {
    Map<String, Object> client = new HashMap<>();
    client.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        config.getString(EnricherConfig.BOOTSTRAP_SERVERS));
    Map<String, String> passThrough = config.kafkaPassThrough();
    passThrough.forEach(
        (k, v) -> {
          if (known.contains(k)) {
            client.put(k, v);
          }
        });
    passThrough.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && known.contains(k.substring(prefix.length()))) {
            client.put(k.substring(prefix.length()), v);
          }
        });
    return client;
  }
}
