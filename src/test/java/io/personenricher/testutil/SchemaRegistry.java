package io.personenricher.testutil;

import io.personenricher.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A running Confluent-API Schema Registry for tests, injected by {@link KafkaInfraExtension}.
 *
 * @param url the Confluent-API base URL (for Apicurio: {@code
 *     http://127.0.0.1:PORT/apis/ccompat/v7})
 * @param origin where it came from: "env SCHEMA_REGISTRY_URL" or "Apicurio Registry (child
 *     process)"
 */
public record SchemaRegistry(String url, String origin) {

  /** A fresh mutable serde config holding {@code schema.registry.url}. */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
    return config;
  }
}
