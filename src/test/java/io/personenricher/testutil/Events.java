package io.personenricher.testutil;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import java.util.List;
import java.util.Map;

/** Builders for input events. */
public final class Events {

  private Events() {}

  public static IdentifierEvent email(String email) {
    return event(IdentifierType.BUSINESS_EMAIL, email, null, null);
  }

  public static IdentifierEvent profileUrl(String url) {
    return event(IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL, url, null, null);
  }

  public static IdentifierEvent event(
      IdentifierType type, String identifier, Double minSimilarityScore, List<String> fields) {
    return IdentifierEvent.newBuilder()
        .setIdentifierType(type)
        .setIdentifier(identifier)
        .setMinSimilarityScore(minSimilarityScore)
        .setFields(fields)
        .setMetadata(Map.of("source", "test"))
        .setEventTime(null)
        .build();
  }

  /** {@code n} distinct, valid business emails. */
  public static List<IdentifierEvent> emails(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> email("person" + i + "@acme.com"))
        .toList();
  }
}
