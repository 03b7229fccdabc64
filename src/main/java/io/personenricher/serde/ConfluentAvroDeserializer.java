package io.personenricher.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes {@link ConfluentWireFormat} bytes: reads the schema id, fetches the writer schema
 * from the registry (cached), and decodes with Avro schema resolution against the reader schema, so
 * data written with an older or newer compatible schema reads fine.
 *
 * <p>The reader schema is, in order: the generated class given to the constructor (its {@code
 * SCHEMA$}); the schema given to {@link #withReaderSchema}; with {@code specific.avro.reader=true},
 * the generated class named like the writer schema; otherwise the writer schema itself (the result
 * is then a {@code GenericRecord}). Null deserializes to null.
 *
 * <p>Loading {@link GeneratedAvroClasses#trust() trusts generated Avro classes} JVM-wide (Avro 1.12
 * refuses them otherwise).
 *
 * <p>Threading notes: one instance may be used by several stream threads at once. The registry
 * client and the reader cache are thread-safe; Avro datum readers keep their resolution state in
 * thread-local caches; decoders are created per call.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

  static {
    GeneratedAvroClasses.trust();
  }

  private SchemaRegistryClient registry;
  private final Class<T> readerType;
  private final Schema genericReaderSchema;
  private boolean specificReader;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public ConfluentAvroDeserializer() {
    this(null, null);
  }

  /** Reads into {@code readerType}, a generated class, using its schema as the reader schema. */
  public ConfluentAvroDeserializer(Class<T> readerType) {
    this(null, readerType);
  }

  /**
   * @param registry used instead of one built from {@code schema.registry.url}; may be null
   * @param readerType generated class to read into; null for the configuration's choice
   */
  public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> readerType) {
    this(registry, readerType, null);
  }

  private ConfluentAvroDeserializer(
      SchemaRegistryClient registry, Class<T> readerType, Schema readerSchema) {
    this.registry = registry;
    this.readerType = readerType;
    this.genericReaderSchema = readerSchema;
    this.specificReader = readerType != null;
  }

  /**
   * A deserializer producing {@code GenericRecord}s shaped by {@code readerSchema} (Avro schema
   * resolution from each writer schema), for consumers that pin their own view of a topic without
   * generated classes.
   *
   * @param registry used instead of one built from {@code schema.registry.url}; may be null
   */
  public static ConfluentAvroDeserializer<GenericRecord> withReaderSchema(
      SchemaRegistryClient registry, Schema readerSchema) {
    return new ConfluentAvroDeserializer<>(registry, null, readerSchema);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    if (registry == null) {
      registry = config.createClient();
    }
    this.specificReader =
        readerType != null || (genericReaderSchema == null && config.specificAvroReader());
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
    }
    int id = ConfluentWireFormat.schemaId(topic, bytes);
    DatumReader<Object> reader = readers.get(id);
    if (reader == null) {
      reader = readerFor(topic, id);
      readers.putIfAbsent(id, reader);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  bytes,
                  ConfluentWireFormat.HEADER_SIZE,
                  bytes.length - ConfluentWireFormat.HEADER_SIZE,
                  null);
      Object value = reader.read(null, decoder);
      // A primitive string schema decodes to Utf8; callers of a String-keyed topic expect String.
      return (T) (value instanceof Utf8 utf8 ? utf8.toString() : value);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not decode Avro data on topic '"
              + topic
              + "' with writer schema id "
              + id
              + " ("
              + bytes.length
              + " bytes): "
              + e,
          e);
    }
  }

  private DatumReader<Object> readerFor(String topic, int id) {
    Schema writer;
    try {
      writer = registry.getById(id);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Could not fetch writer schema id "
              + id
              + " for a record on topic '"
              + topic
              + "' from "
              + registry.location()
              + ": "
              + e.getMessage(),
          e);
    }
    if (!specificReader) {
      Schema reader = genericReaderSchema != null ? genericReaderSchema : writer;
      try {
        return new GenericDatumReader<>(writer, reader, GenericData.get());
      } catch (AvroRuntimeException e) {
        throw new SerializationException(
            "Writer schema id "
                + id
                + " ("
                + writer.getFullName()
                + ") cannot be read with the reader schema",
            e);
      }
    }
    Class<?> target = readerType != null ? readerType : specificClassFor(topic, writer, id);
    if (target == null) {
      return new SpecificDatumReader<>(writer, writer, SpecificData.get());
    }
    SpecificData model = SpecificData.getForClass(target);
    Schema readerSchema = model.getSchema(target);
    try {
      return new SpecificDatumReader<>(writer, readerSchema, model);
    } catch (AvroRuntimeException e) {
      throw new SerializationException(
          "Writer schema id "
              + id
              + " ("
              + writer.getFullName()
              + ") cannot be read as "
              + target.getName(),
          e);
    }
  }

  /** The generated class named like the writer schema, or null for primitive writer schemas. */
  private static Class<?> specificClassFor(String topic, Schema writer, int id) {
    if (writer.getType() != Schema.Type.RECORD && writer.getType() != Schema.Type.ENUM) {
      return null;
    }
    Class<?> found = SpecificData.get().getClass(writer);
    if (found == null
        || !(SpecificRecord.class.isAssignableFrom(found) || Enum.class.isAssignableFrom(found))) {
      throw new SerializationException(
          "specific.avro.reader=true but no generated class "
              + writer.getFullName()
              + " is on the classpath (writer schema id "
              + id
              + ", topic '"
              + topic
              + "')");
    }
    return found;
  }
}
