package io.personenricher.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro data (generated {@link SpecificRecord}s, {@code GenericRecord}s, enums, or the
 * primitives String, Integer, Long, Float, Double, Boolean, byte[] and ByteBuffer) into the {@link
 * ConfluentWireFormat}, registering the writer schema under the TopicNameStrategy subject {@code
 * <topic>-key} / {@code <topic>-value} (or only looking it up when {@code
 * auto.register.schemas=false}). Null serializes to null.
 *
 * <p>Threading notes: one instance may be used by several stream threads at once. The registry
 * client and the writer cache are thread-safe; Avro datum writers keep no per-call state; encoders
 * and buffers are per thread ({@link EncodeBuffer}).
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

  private SchemaRegistryClient registry;
  private boolean autoRegister = true;
  private boolean isKey;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public ConfluentAvroSerializer() {}

  /** Uses {@code registry} instead of one built from {@code schema.registry.url}. */
  public ConfluentAvroSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    if (registry == null) {
      registry = config.createClient();
    }
    this.autoRegister = config.autoRegisterSchemas();
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("ConfluentAvroSerializer used before configure()");
    }
    Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
    Schema schema = schemaOf(topic, datum);
    String subject = subject(topic, isKey);
    int id;
    try {
      id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          (autoRegister ? "Could not register" : "Could not look up")
              + " Avro schema "
              + schema.getFullName()
              + " under subject '"
              + subject
              + "' in "
              + registry.location()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      EncodeBuffer buffer = BUFFERS.get();
      BinaryEncoder encoder = buffer.start();
      buffer.stream().write(ConfluentWireFormat.MAGIC_BYTE);
      buffer.stream().write(ByteBuffer.allocate(4).putInt(id).array());
      writers.computeIfAbsent(schema, s -> writerFor(s, datum)).write(datum, encoder);
      return buffer.finish();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not encode "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "': "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    // Nothing to release: the HTTP client has no connections to close explicitly.
  }

  private static final ThreadLocal<EncodeBuffer> BUFFERS =
      ThreadLocal.withInitial(EncodeBuffer::new);

  /** The TopicNameStrategy subject. */
  static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  private static DatumWriter<Object> writerFor(Schema schema, Object datum) {
    // The generated class's own model (MODEL$) carries its logical-type conversions. Taking it from
    // the
    // datum's class, not from the schema name, avoids Avro 1.12's by-name class loading (and its
    // trust check).
    return datum instanceof SpecificRecord || datum instanceof Enum<?>
        ? new SpecificDatumWriter<>(schema, SpecificData.getForClass(datum.getClass()))
        : new GenericDatumWriter<>(schema, GenericData.get());
  }

  private static Schema schemaOf(String topic, Object datum) {
    if (datum instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (datum instanceof Enum<?> e) {
      Schema schema = SpecificData.get().getSchema(e.getDeclaringClass());
      if (schema != null) {
        return schema;
      }
    }
    Schema.Type type;
    if (datum instanceof CharSequence) {
      type = Schema.Type.STRING;
    } else if (datum instanceof Integer) {
      type = Schema.Type.INT;
    } else if (datum instanceof Long) {
      type = Schema.Type.LONG;
    } else if (datum instanceof Float) {
      type = Schema.Type.FLOAT;
    } else if (datum instanceof Double) {
      type = Schema.Type.DOUBLE;
    } else if (datum instanceof Boolean) {
      type = Schema.Type.BOOLEAN;
    } else if (datum instanceof ByteBuffer) {
      type = Schema.Type.BYTES;
    } else {
      throw new SerializationException(
          "Cannot serialize "
              + datum.getClass().getName()
              + " for topic '"
              + topic
              + "' as Avro: expected a generated SpecificRecord, a GenericRecord or an Avro primitive");
    }
    return Schema.create(type);
  }
}
