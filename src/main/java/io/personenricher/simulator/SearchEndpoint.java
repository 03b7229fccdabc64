package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code POST /person/search} after the gateway (spec §7): {@code {"profiles": [...],
 * "next_cursor": ...|null, "total_count": n}} over the same indexed people {@code /person/enrich}
 * serves, so every returned profile URL enriches. Credits: {@value #CREDITS_PER_RESULT} per
 * returned profile, none for an empty page; a balance below a full page's worth is a 402.
 *
 * <p>Speed: the {@link SearchIndex} is built on the first search (once, about 30 bytes a person); a
 * query scans it and the sorted result list of the latest {@value #CACHED_QUERIES} queries is kept,
 * so paging through a result costs one scan.
 *
 * <p>Threading notes: not thread-safe (the lazy index, the query cache, the credits); the simulator
 * calls it under its lock.
 */
final class SearchEndpoint implements EndpointHandler {

  static final double CREDITS_PER_RESULT = 0.03;
  static final int CACHED_QUERIES = 4;

  private final SyntheticPeople people;
  private final SearchProfiles profiles;
  private final CreditAccount credits;
  private final Map<String, int[]> recentResults =
      new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
          return size() > CACHED_QUERIES;
        }
      };
  private SearchIndex index;

  SearchEndpoint(SyntheticPeople people, SearchProfiles profiles, CreditAccount credits) {
    this.people = people;
    this.profiles = profiles;
    this.credits = credits;
  }

  @Override
  public ApiAnswer handle(ApiCall call, String key, FaultSettings faults) {
    SearchRequest request = SearchRequest.read(call.requireObjectBody(), profiles);
    credits.requireCovers(price(request.limit()));
    int[] results = results(request);
    int from = Math.min(request.offset(), results.length);
    int to = Math.min(results.length, from + request.limit());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode page = body.putArray("profiles");
    for (int k = from; k < to; k++) {
      page.add(profiles.profile(results[k], request.fields()));
    }
    if (to < results.length) {
      body.put("next_cursor", SearchCursor.encode(to, request.fingerprint()));
    } else {
      body.putNull("next_cursor");
    }
    body.put("total_count", results.length);
    double charge = price(to - from);
    credits.charge(charge);
    return ApiAnswer.json(200, body.toString(), charge, to - from);
  }

  /** Whole hundredths, so 3 results cost exactly 0.09 rather than 0.09000000000000001. */
  static double price(int results) {
    return results * Math.round(CREDITS_PER_RESULT * 100) / 100.0;
  }

  /** Every matching person, in the query's order. */
  private int[] results(SearchRequest request) {
    int[] cached = recentResults.get(request.fingerprint());
    if (cached != null) {
      return cached;
    }
    SearchIndex x = index();
    Comparator<Integer> order = request.order().over(x);
    Set<Integer> excluded = excludedPeople(request);
    int[] matches =
        IntStream.range(0, x.size())
            .filter(i -> request.filter().test(x, i))
            .filter(i -> !excluded.contains(i))
            .filter(
                i ->
                    request.excludedNames().isEmpty()
                        || !request.excludedNames().contains(x.name(i).toLowerCase(Locale.ROOT)))
            .toArray();
    Integer[] boxed = Arrays.stream(matches).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, order);
    int[] sorted = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    recentResults.put(request.fingerprint(), sorted);
    return sorted;
  }

  private Set<Integer> excludedPeople(SearchRequest request) {
    Set<Integer> excluded = new HashSet<>();
    for (String slug : request.excludedSlugs()) {
      people
          .findByProfileUrl("https://www.linkedin.com/in/" + slug)
          .ifPresent(p -> excluded.add(p.index()));
    }
    return excluded;
  }

  private SearchIndex index() {
    if (index == null) {
      index = new SearchIndex(people);
    }
    return index;
  }
}
