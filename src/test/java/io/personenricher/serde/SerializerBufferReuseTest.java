package io.personenricher.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerializerBufferReuseTest {

  private static final Schema PAIR =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Pair", "namespace": "io.personenricher.test",
               "fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]}
              """);

  private final String scope = SerdeTestData.uniqueScope();
  private final Serializer<GenericRecord> serializer =
      AvroSerdes.generic(SerdeTestData.mockConfig(scope), false).serializer();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.drop(scope);
  }

  private static GenericRecord pair(String a, String b) {
    GenericRecord record = new GenericData.Record(PAIR);
    record.put("a", a);
    record.put("b", b);
    return record;
  }

  @Test
  void aRecordAfterOneThatFailedHalfWrittenOrOneOfThreeHundredKilobytesIsEncodedAlone() {
    byte[] expected = serializer.serialize("pairs", pair("x", "y"));

    assertThatThrownBy(() -> serializer.serialize("pairs", pair("left in the buffer", null)))
        .isInstanceOf(SerializationException.class);
    assertThat(serializer.serialize("pairs", pair("x", "y"))).isEqualTo(expected);

    byte[] large = serializer.serialize("pairs", pair("z".repeat(300_000), "y"));
    assertThat(large).hasSizeGreaterThan(300_000);
    assertThat(serializer.serialize("pairs", pair("x", "y"))).isEqualTo(expected);
  }
}
