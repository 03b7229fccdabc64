package io.personenricher.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Avro binary without any registry: a stand-in serde for processor tests that are not about the wire format. */
public final class PlainAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;

  public PlainAvroSerde(Class<T> type) {
    io.personenricher.model.AvroClassTrust.trustModel();
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return reader.read(null, DecoderFactory.get().binaryDecoder(data, null));
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("not an Avro " + type.getSimpleName(), e);
      }
    };
  }
}
