package io.personenricher.reuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An API answer as stored for reuse: the entry's JSON ({@code matched_on}, {@code match_type},
 * {@code matches} with each {@code confidence_score} and {@code person_data}), the shape of the
 * API's own response entry.
 */
public final class AnswerCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerCodec() {}

  public static byte[] encode(EnrichEntry answer) {
    ObjectNode node = JSON.createObjectNode();
    node.put("matched_on", answer.matchedOn());
    node.put("match_type", answer.matchType());
    ArrayNode matches = node.putArray("matches");
    for (PersonMatchResult match : answer.matches()) {
      matches
          .addObject()
          .put("confidence_score", match.confidenceScore())
          .set("person_data", match.personData());
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The answer, or empty for bytes this release cannot read (the identifier is then asked again).
   */
  public static Optional<EnrichEntry> decode(byte[] bytes, int offset, int length) {
    try {
      JsonNode node = JSON.readTree(bytes, offset, length);
      List<PersonMatchResult> matches = new ArrayList<>();
      for (JsonNode match : node.path("matches")) {
        matches.add(
            new PersonMatchResult(
                match.get("confidence_score").asDouble(), match.get("person_data")));
      }
      return Optional.of(
          new EnrichEntry(
              node.get("matched_on").textValue(), node.get("match_type").textValue(), matches));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<EnrichEntry> decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }
}
