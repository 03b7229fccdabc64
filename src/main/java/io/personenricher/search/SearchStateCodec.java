package io.personenricher.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.routing.RecordSource;
import io.personenricher.serde.GeneratedAvroClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The stored form of a {@link SearchState}: a small JSON object (version {@value #VERSION}), the
 * request inside it as plain Avro binary of this release's {@code PersonSearchRequest} schema. No
 * schema registry is involved, so restoring a store never waits for one.
 *
 * <p>Threading notes: stream thread only (one codec per processor: the datum reader keeps state).
 */
final class SearchStateCodec {

  static final int VERSION = 1;

  static {
    // Restoring a store may come before any deserializer ran in this JVM (a fresh process resuming
    // its searches): without it Avro 1.12 refuses to read the generated request class.
    GeneratedAvroClasses.trust();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SpecificDatumWriter<PersonSearchRequest> writer =
      new SpecificDatumWriter<>(PersonSearchRequest.class);
  private final SpecificDatumReader<PersonSearchRequest> reader =
      new SpecificDatumReader<>(PersonSearchRequest.class);

  byte[] encode(SearchState state) {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", VERSION);
    RecordSource source = state.source();
    node.put("topic", source.topic());
    node.put("partition", source.partition());
    node.put("offset", source.offset());
    node.put("key", source.key() == null ? null : B64.encodeToString(source.key()));
    node.put("ts", state.recordTimestamp());
    node.put("request", state.request() == null ? null : B64.encodeToString(avro(state)));
    node.put("raw", state.rawValue() == null ? null : B64.encodeToString(state.rawValue()));
    SearchState.Pages p = state.pages();
    node.putObject("pages")
        .put("cursor", p.cursor())
        .put("done", p.done())
        .put("count", p.count())
        .put("returned", p.returned())
        .put("found", p.found())
        .put("emitted", p.emitted())
        .put("total", p.totalCount())
        .put("credits", p.credits())
        .put("status", p.lastHttpStatus());
    SearchState.Tries t = state.tries();
    node.putObject("tries")
        .put("calls", t.calls())
        .put("failures", t.failures())
        .put("first", t.firstCallAtMs())
        .put("notBefore", t.notBeforeMs());
    SearchState.Failure f = state.failure();
    if (f != null) {
      node.putObject("failure")
          .put("reason", f.reason().name())
          .put("class", f.errorClass())
          .put("message", f.message())
          .put("status", f.httpStatus())
          .put("result", f.withResult());
    }
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  SearchState decode(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable search state", e);
    }
    if (node.path("v").asInt() != VERSION) {
      throw new IllegalStateException("search state of unknown version " + node.path("v"));
    }
    RecordSource source =
        new RecordSource(
            node.get("topic").asText(),
            node.get("partition").asInt(),
            node.get("offset").asLong(),
            bytesOrNull(node.get("key")));
    JsonNode p = node.get("pages");
    SearchState.Pages pages =
        new SearchState.Pages(
            textOrNull(p.get("cursor")),
            p.get("done").asBoolean(),
            p.get("count").asInt(),
            p.get("returned").asInt(),
            p.get("found").asInt(),
            p.get("emitted").asInt(),
            p.get("total").isNull() ? null : p.get("total").asLong(),
            p.get("credits").isNull() ? null : p.get("credits").asDouble(),
            p.get("status").isNull() ? null : p.get("status").asInt());
    JsonNode t = node.get("tries");
    SearchState.Tries tries =
        new SearchState.Tries(
            t.get("calls").asInt(),
            t.get("failures").asInt(),
            t.get("first").asLong(),
            t.get("notBefore").asLong());
    JsonNode f = node.get("failure");
    SearchState.Failure failure =
        f == null
            ? null
            : new SearchState.Failure(
                DeadLetterReason.valueOf(f.get("reason").asText()),
                f.get("class").asText(),
                f.get("message").asText(),
                f.get("status").isNull() ? null : f.get("status").asInt(),
                f.get("result").asBoolean());
    byte[] request = bytesOrNull(node.get("request"));
    return new SearchState(
        source,
        node.get("ts").asLong(),
        request == null ? null : request(request),
        bytesOrNull(node.get("raw")),
        pages,
        tries,
        failure);
  }

  private byte[] avro(SearchState state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      writer.write(state.request(), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private PersonSearchRequest request(byte[] bytes) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable search request in the store", e);
    }
  }

  private static byte[] bytesOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : B64D.decode(node.asText());
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
