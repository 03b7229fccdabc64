package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

  @Test
  void readsConfluentKeysWithConfluentDefaults() {
    AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r:8081"));

    assertThat(config.registryUrl()).isEqualTo("http://r:8081");
    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.specificAvroReader()).isFalse();
    assertThat(config.basicAuthUserInfo()).isEmpty();
  }

  @Test
  void missingUrlFailsNamingTheKeyWhenAClientIsNeeded() {
    AvroSerdeConfig config = AvroSerdeConfig.from(Map.of());

    assertThatThrownBy(config::createClient)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url is required");
  }

  @Test
  void mockUrlSelectsTheSharedInMemoryRegistryOfItsScope() {
    SchemaRegistryClient client =
        AvroSerdeConfig.from(Map.of("schema.registry.url", "mock://cfg")).createClient();

    assertThat(client).isSameAs(InMemorySchemaRegistry.forScope("cfg"));
    InMemorySchemaRegistry.drop("cfg");
  }

  @Test
  void subjectNameStrategiesOtherThanTopicNameAreRejected() {
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url", "mock://x",
                        "value.subject.name.strategy",
                            "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TopicNameStrategy");
  }

  @Test
  void unsupportedCredentialsSourceIsRejected() {
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "basic.auth.credentials.source",
                        "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SASL_INHERIT is not supported");
  }

  @Test
  void toStringMasksThePassword() {
    AvroSerdeConfig config =
        AvroSerdeConfig.from(
            Map.of("schema.registry.url", "http://r", "basic.auth.user.info", "u:topsecret"));

    assertThat(config.toString()).doesNotContain("topsecret").contains("****");
  }
}
