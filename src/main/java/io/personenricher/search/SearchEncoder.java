package io.personenricher.search;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.RegistryOutage;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes what a search writes, telling a registry outage (null: the step waits and is tried
 * again, nothing was forwarded) from a record's own fault (thrown). A result whose profile URLs
 * would not fit the topic's record size is written without them ({@code profile_urls_complete}
 * false): the people were enriched all the same.
 *
 * <p>Threading notes: stream thread only; the serializers are thread-safe.
 */
public final class SearchEncoder {

  private final String peopleTopic;
  private final String resultTopic;
  private final String deadLetterTopic;
  private final Serializer<IdentifierEvent> people;
  private final Serializer<PersonSearchResult> results;
  private final Serializer<DeadLetter> deadLetters;
  private final OutputLimits limits;

  public SearchEncoder(
      String peopleTopic,
      String resultTopic,
      String deadLetterTopic,
      Serializer<IdentifierEvent> people,
      Serializer<PersonSearchResult> results,
      Serializer<DeadLetter> deadLetters,
      OutputLimits limits) {
    this.peopleTopic = Objects.requireNonNull(peopleTopic, "peopleTopic");
    this.resultTopic = Objects.requireNonNull(resultTopic, "resultTopic");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.people = people;
    this.results = results;
    this.deadLetters = deadLetters;
    this.limits = limits;
  }

  /** The person's event, or null while the registry is out of reach. */
  byte[] person(IdentifierEvent event) {
    return orNullOnOutage(() -> people.serialize(peopleTopic, event));
  }

  /** The dead letter, or null while the registry is out of reach. */
  byte[] deadLetter(DeadLetter letter) {
    return orNullOnOutage(() -> deadLetters.serialize(deadLetterTopic, letter));
  }

  /**
   * The result, or null while the registry is out of reach; without its profile URLs when they
   * would not fit beside a key of {@code keyBytes}.
   */
  byte[] result(PersonSearchResult result, int keyBytes) {
    byte[] bytes = orNullOnOutage(() -> results.serialize(resultTopic, result));
    if (bytes != null && bytes.length > limits.maxValueBytes(keyBytes, 0)) {
      PersonSearchResult trimmed =
          PersonSearchResult.newBuilder(result)
              .setProfileUrls(java.util.List.of())
              .setProfileUrlsComplete(false)
              .build();
      bytes = orNullOnOutage(() -> results.serialize(resultTopic, trimmed));
    }
    return bytes;
  }

  private static byte[] orNullOnOutage(java.util.function.Supplier<byte[]> serialize) {
    try {
      return serialize.get();
    } catch (RuntimeException e) {
      if (RegistryOutage.causeOf(e).isPresent()) {
        return null;
      }
      throw e;
    }
  }
}
