package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

  private final EnricherConfig config =
      new ConfigLoader(Map.of())
          .load(
              null,
              Map.of(
                  "enricher.bootstrap.servers", "b1:9092",
                  "enricher.kafka.security.protocol", "SASL_SSL",
                  "enricher.kafka.num.standby.replicas", "1",
                  "enricher.kafka.producer.linger.ms", "50",
                  "enricher.kafka.consumer.max.poll.records", "10",
                  "enricher.kafka.max.poll.records", "500"));

  @Test
  void everyClientGetsTheBootstrapServersAndSecuritySettingsButNoStreamsOnlyKeys() {
    for (Map<String, Object> client :
        java.util.List.of(
            KafkaClientConfigs.admin(config),
            KafkaClientConfigs.producer(config),
            KafkaClientConfigs.consumer(config))) {
      assertThat(client)
          .containsEntry("bootstrap.servers", "b1:9092")
          .containsEntry("security.protocol", "SASL_SSL")
          .doesNotContainKey("num.standby.replicas");
    }
  }

  @Test
  void aClientPrefixedSettingReachesOnlyThatClientAndWinsOverThePlainOne() {
    assertThat(KafkaClientConfigs.producer(config)).containsEntry("linger.ms", "50");
    assertThat(KafkaClientConfigs.consumer(config))
        .containsEntry("max.poll.records", "10")
        .doesNotContainKey("linger.ms");
    assertThat(KafkaClientConfigs.admin(config))
        .doesNotContainKey("linger.ms")
        .doesNotContainKey("max.poll.records");
  }
}
