package io.personenricher.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for {@link GenericRecord}s in the Confluent wire format; a drop-in for
 * Confluent's {@code io.confluent.kafka.streams.serdes.avro.GenericAvroSerde}. Records are read
 * with their writer schema.
 *
 * <p>Threading notes: see {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}; a
 * configured instance may be shared by all stream threads.
 */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final ConfluentAvroSerializer<GenericRecord> serializer;
  private final ConfluentAvroDeserializer<GenericRecord> deserializer;

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public GenericAvroSerde() {
    this(null);
  }

  /**
   * Uses {@code registry} (may be null) instead of {@code schema.registry.url}; {@link #configure}
   * must follow.
   */
  public GenericAvroSerde(SchemaRegistryClient registry) {
    this.serializer = new ConfluentAvroSerializer<>(registry);
    this.deserializer = new ConfluentAvroDeserializer<>(registry, null);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> generic = new HashMap<>(configs);
    generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    serializer.configure(generic, isKey);
    deserializer.configure(generic, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
