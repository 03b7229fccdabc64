package io.personenricher.batching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.client.EnrichEntry;
import io.personenricher.client.PersonMatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Two bounded layers in memory spare the store, which stays the source of truth (both are
 * emptied with the processor, and only this class writes the store): the answers read or written
 * most recently, decoded, so a hit on one of them parses no JSON; and the identifiers the store was
 * found not to hold, so the second look-up of a new identifier (admission, then the batch scan)
 * does not reach RocksDB. A write removes its key from the second.
 *
 * <p>Threading notes: stream thread only.
 */
final class AnswerCache {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Decoded answers kept in memory (a few kilobytes each). */
  static final int RECENT_ANSWERS = 512;

  private record Recent(EnrichEntry answer, long answeredAtMs) {}

  private final KeyValueStore<Bytes, byte[]> store;
  private final long ttlMs;
  private final Map<GroupKey, byte[]> prefixes = new HashMap<>();
  private final Map<Bytes, Recent> recent = bounded(RECENT_ANSWERS, true);
  private final KnownMisses misses = new KnownMisses();

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
    Bytes key = key(group, normalized);
    Recent known = recent.get(key);
    if (known != null) {
      return nowMs - known.answeredAtMs() < ttlMs ? Optional.of(known.answer()) : Optional.empty();
    }
    if (misses.contains(key.get())) {
      return Optional.empty();
    }
    byte[] value = store.get(key);
    if (value == null) {
      misses.add(key.get());
      return Optional.empty();
    }
    long answeredAt = ByteBuffer.wrap(value).getLong();
    if (nowMs - answeredAt >= ttlMs) {
      return Optional.empty();
    }
    Optional<EnrichEntry> answer = decode(value);
    answer.ifPresent(entry -> recent.put(key, new Recent(entry, answeredAt)));
    return answer;
  }

  void put(GroupKey group, String normalized, EnrichEntry answer, long nowMs) {
    if (enabled()) {
      Bytes key = key(group, normalized);
      store.put(key, encode(answer, nowMs));
      misses.remove(key.get());
      recent.put(key, new Recent(answer, nowMs));
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

  private Bytes key(GroupKey group, String normalized) {
    byte[] prefix = prefixes.computeIfAbsent(group, g -> StoreKeys.groupPrefix(g).get());
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
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ByteBuffer.allocate(8 + json.length).putLong(nowMs).put(json).array();
  }

  /** A map that drops its eldest entry (by access when {@code byAccess}) beyond {@code limit}. */
  private static <V> Map<Bytes, V> bounded(int limit, boolean byAccess) {
    return new LinkedHashMap<>(Math.min(limit, 1_024), 0.75f, byAccess) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Bytes, V> eldest) {
        return size() > limit;
      }
    };
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
