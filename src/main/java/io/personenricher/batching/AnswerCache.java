package io.personenricher.batching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recent API answers by group and normalised identifier, so an identifier seen again within the
 * time-to-live is answered without another request: the API charges per matched profile, and the
 * quota is per request.
 *
 * <p>The store is changelogged like the pending store, so a new owner keeps the cache. Entries
 * expire on read and are swept periodically; a zero time-to-live turns the cache off.
 *
 * <p>Threading notes: stream thread only.
 */
final class AnswerCache {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyValueStore<Bytes, byte[]> store;
  private final long ttlMs;

  AnswerCache(KeyValueStore<Bytes, byte[]> store, Duration ttl) {
    this.store = store;
    this.ttlMs = ttl.toMillis();
  }

  boolean enabled() {
    return ttlMs > 0;
  }

  Optional<EnrichEntry> get(GroupKey group, String normalized, long nowMs) {
    if (!enabled()) {
      return Optional.empty();
    }
    byte[] value = store.get(key(group, normalized));
    if (value == null) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    if (nowMs - buffer.getLong() >= ttlMs) {
      return Optional.empty();
    }
    return decode(value);
  }

  void put(GroupKey group, String normalized, EnrichEntry answer, long nowMs) {
    if (enabled()) {
      store.put(key(group, normalized), encode(answer, nowMs));
    }
  }

  /** Deletes expired answers; returns how many. */
  int sweep(long nowMs) {
    List<Bytes> expired = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> next = all.next();
        if (nowMs - ByteBuffer.wrap(next.value).getLong() >= ttlMs) {
          expired.add(next.key);
        }
      }
    }
    expired.forEach(store::delete);
    return expired.size();
  }

  private static Bytes key(GroupKey group, String normalized) {
    byte[] prefix = StoreKeys.groupPrefix(group).get();
    byte[] identifier = normalized.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(prefix.length + identifier.length).put(prefix).put(identifier).array());
  }

  private static byte[] encode(EnrichEntry answer, long nowMs) {
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
    byte[] json = node.toString().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + json.length).putLong(nowMs).put(json).array();
  }

  /** The cached answer, or empty for an entry this release cannot read (it is then re-fetched). */
  private static Optional<EnrichEntry> decode(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value, 8, value.length - 8);
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
}
