package io.personenricher.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Kafka records of our topics as one JSON object per line, for {@code enricher consume}:
 * {@code topic}, {@code partition}, {@code offset}, {@code timestamp}, {@code key} and {@code
 * value}. Avro values become plain JSON (records → objects, unions → the branch's value, enums →
 * their symbol, bytes → base64), so the output reads well and pipes into {@code jq}. A key that is
 * not valid UTF-8 is shown as {@code key_base64}; a value that cannot be decoded is shown as {@code
 * value_error} plus {@code value_base64}, never dropped.
 */
public final class JsonLines {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonLines() {}

  /**
   * One line (without the newline).
   *
   * @param value the decoded value (an Avro record), or null when {@code valueError} is set or the
   *     value is null
   * @param valueError why the value could not be decoded, or null
   */
  public static String render(
      String topic,
      int partition,
      long offset,
      long timestamp,
      byte[] key,
      Object value,
      String valueError,
      byte[] rawValue) {
    ObjectNode line = NODES.objectNode();
    line.put("topic", topic);
    line.put("partition", partition);
    line.put("offset", offset);
    line.put("timestamp", timestamp);
    if (key == null) {
      line.putNull("key");
    } else {
      String text = utf8(key);
      if (text != null) {
        line.put("key", text);
      } else {
        line.put("key_base64", Base64.getEncoder().encodeToString(key));
      }
    }
    if (valueError != null) {
      line.put("value_error", valueError);
      line.put(
          "value_base64", rawValue == null ? null : Base64.getEncoder().encodeToString(rawValue));
    } else {
      line.set("value", toJson(value));
    }
    try {
      return JSON.writeValueAsString(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render a JSON line", e);
    }
  }

  /** An Avro datum (generic or specific) as a JSON tree. */
  public static JsonNode toJson(Object datum) {
    if (datum == null) {
      return NODES.nullNode();
    }
    if (datum instanceof IndexedRecord record) {
      ObjectNode object = NODES.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        object.set(field.name(), toJson(record.get(field.pos())));
      }
      return object;
    }
    if (datum instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (datum instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (datum instanceof GenericEnumSymbol<?>
        || datum instanceof Enum<?>
        || datum instanceof CharSequence) {
      return NODES.textNode(datum.toString());
    }
    if (datum instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (datum instanceof GenericFixed fixed) {
      return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
    }
    if (datum instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (datum instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (datum instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (datum instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (datum instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (datum instanceof java.time.Instant instant) {
      // timestamp-millis with a conversion: the same epoch-millis number the wire form decodes to.
      return NODES.numberNode(instant.toEpochMilli());
    }
    if (datum instanceof GenericContainer) {
      return NODES.textNode(datum.toString());
    }
    // Logical-type conversions (Instant, LocalDate, BigDecimal, UUID) in specific records: their
    // text form.
    return NODES.textNode(datum.toString());
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
