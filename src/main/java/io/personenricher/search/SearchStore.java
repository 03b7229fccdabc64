package io.personenricher.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's searches in two changelogged stores, with a copy of the states in memory: the states by
 * the offset of their request record ({@value SearchStores#REQUESTS}, {@code [i64 offset]}), and
 * the profile URL of every person found ({@value SearchStores#FOUND}, {@code [i64 offset][i32
 * position]}, read back for the result). A state is written in the same transaction as the outputs
 * of the step that made it, so after a crash the store holds exactly the progress that was
 * committed.
 *
 * <p>Bounded: at most {@link SearchSettings#maxPendingPerTask()} searches are admitted at once; the
 * few that wait only to write their refusal, or for the registry to decode them, are small.
 *
 * <p>Threading notes: stream thread only.
 */
final class SearchStore {

  private final KeyValueStore<Bytes, byte[]> states;
  private final KeyValueStore<Bytes, byte[]> found;
  private final SearchStateCodec codec;
  private final TreeMap<Long, SearchState> byOffset = new TreeMap<>();
  private final Map<String, Long> resultsOwed = new HashMap<>();

  SearchStore(
      KeyValueStore<Bytes, byte[]> states,
      KeyValueStore<Bytes, byte[]> found,
      SearchStateCodec codec) {
    this.states = states;
    this.found = found;
    this.codec = codec;
  }

  /** Reads the (restored) store into memory. */
  void load() {
    byOffset.clear();
    resultsOwed.clear();
    try (KeyValueIterator<Bytes, byte[]> all = states.all()) {
      while (all.hasNext()) {
        remember(codec.decode(all.next().value));
      }
    }
  }

  int size() {
    return byOffset.size();
  }

  /** The states in the order their requests arrived. */
  List<SearchState> all() {
    return new ArrayList<>(byOffset.values());
  }

  SearchState get(long offset) {
    return byOffset.get(offset);
  }

  /** True while a search with this request id is held and owes its result. */
  boolean owesResult(String requestId) {
    return resultsOwed.containsKey(requestId);
  }

  void put(SearchState state) {
    states.put(stateKey(state.offset()), codec.encode(state));
    remember(state);
  }

  void addFound(long offset, int position, String url) {
    found.put(foundKey(offset, position), url.getBytes(StandardCharsets.UTF_8));
  }

  String found(long offset, int position) {
    byte[] url = found.get(foundKey(offset, position));
    if (url == null) {
      throw new IllegalStateException(
          "search at offset " + offset + " has no person stored at position " + position);
    }
    return new String(url, StandardCharsets.UTF_8);
  }

  /** Every person found by the search, by position. */
  List<String> found(long offset) {
    List<String> urls = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> range =
        found.range(foundKey(offset, 0), foundKey(offset, Integer.MAX_VALUE))) {
      while (range.hasNext()) {
        KeyValue<Bytes, byte[]> next = range.next();
        urls.add(new String(next.value, StandardCharsets.UTF_8));
      }
    }
    return urls;
  }

  /** The search is finished: its state and people leave the stores. */
  void remove(SearchState state) {
    List<Bytes> people = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> range =
        found.range(foundKey(state.offset(), 0), foundKey(state.offset(), Integer.MAX_VALUE))) {
      while (range.hasNext()) {
        people.add(range.next().key);
      }
    }
    people.forEach(found::delete);
    states.delete(stateKey(state.offset()));
    byOffset.remove(state.offset());
    if (state.requestId() != null) {
      resultsOwed.remove(state.requestId(), state.offset());
    }
  }

  private void remember(SearchState state) {
    byOffset.put(state.offset(), state);
    if (state.requestId() != null && (state.failure() == null || state.failure().withResult())) {
      resultsOwed.put(state.requestId(), state.offset());
    }
  }

  private static Bytes stateKey(long offset) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(offset).array());
  }

  private static Bytes foundKey(long offset, int position) {
    return Bytes.wrap(ByteBuffer.allocate(12).putLong(offset).putInt(position).array());
  }
}
