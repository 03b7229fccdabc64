package io.personenricher.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Factories for configured Avro serdes, for the composition root and tests. */
public final class AvroSerdes {

  private AvroSerdes() {}

  /** A configured value serde reading into {@code type}. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(
      Class<T> type, Map<String, ?> config) {
    return specific(type, config, false);
  }

  /** A configured key ({@code isKey=true}) or value serde reading into {@code type}. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(
      Class<T> type, Map<String, ?> config, boolean isKey) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, isKey);
    return serde;
  }

  /** A configured generic key ({@code isKey=true}) or value serde. */
  public static GenericAvroSerde generic(Map<String, ?> config, boolean isKey) {
    GenericAvroSerde serde = new GenericAvroSerde();
    serde.configure(config, isKey);
    return serde;
  }
}
