package io.personenricher.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for generated Avro classes in the Confluent wire format; a drop-in for
 * Confluent's {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} (same no-arg
 * constructor, same config keys). Without a type, the reader class is the generated class named
 * like each writer schema (as Confluent's); with a type, that class's schema is the reader schema.
 *
 * <p>Threading notes: see {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}; a
 * configured instance may be shared by all stream threads.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final ConfluentAvroSerializer<T> serializer;
  private final ConfluentAvroDeserializer<T> deserializer;

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public SpecificAvroSerde() {
    this(null, null);
  }

  /** Reads into {@code type}; {@link #configure} must follow. */
  public SpecificAvroSerde(Class<T> type) {
    this(null, type);
  }

  /**
   * Uses {@code registry} instead of {@code schema.registry.url}; {@link #configure} must follow.
   */
  public SpecificAvroSerde(SchemaRegistryClient registry) {
    this(registry, null);
  }

  /**
   * @param registry used instead of one built from {@code schema.registry.url}; may be null
   * @param type generated class to read into; null to use the class named like the writer schema
   */
  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type) {
    this.serializer = new ConfluentAvroSerializer<>(registry);
    this.deserializer = new ConfluentAvroDeserializer<>(registry, type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> specific = new HashMap<>(configs);
    specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    serializer.configure(specific, isKey);
    deserializer.configure(specific, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
