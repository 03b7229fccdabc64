package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.nonBlank;

import io.personenricher.search.SearchSettings;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The workflows beside plain enrichment: Search then Enrich (its topics and bounds; builds {@link
 * SearchSettings}) and the live enrich fallback for profile URLs the index does not match.
 */
public final class SearchSection extends ConfigSection {

  public static final String SEARCH_ENABLED = "enricher.search.enabled";
  public static final String TOPIC_SEARCH_REQUESTS = "enricher.topic.search.requests";
  public static final String TOPIC_SEARCH_RESULTS = "enricher.topic.search.results";
  public static final String SEARCH_PAGE_SIZE = "enricher.search.page.size";
  public static final String SEARCH_MAX_RESULTS = "enricher.search.max.results";
  public static final String SEARCH_MAX_IN_FLIGHT_PER_TASK =
      "enricher.search.max.in.flight.per.task";
  public static final String SEARCH_MAX_PENDING_PER_TASK = "enricher.search.max.pending.per.task";
  public static final String LIVE_ENRICH_UNMATCHED = "enricher.live.enrich.unmatched";

  @Override
  String group() {
    return "Search and live enrich";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        SEARCH_ENABLED,
        Type.BOOLEAN,
        false,
        null,
        Importance.HIGH,
        "Take Person Search requests (Avro PersonSearchRequest) from enricher.topic.search.requests:"
            + " follow their pages (POST /person/search, 0.03 credits per result), enrich every person"
            + " found through the input topic and write one PersonSearchResult per request.",
        Width.SHORT,
        "Search then Enrich");
    keys.define(
        TOPIC_SEARCH_REQUESTS,
        Type.STRING,
        "person.search.requests",
        nonBlank("a topic name"),
        Importance.MEDIUM,
        "Input topic of search requests (Avro PersonSearchRequest, keyed by request_id), when"
            + " enricher.search.enabled.",
        Width.MEDIUM,
        "Search requests topic");
    keys.define(
        TOPIC_SEARCH_RESULTS,
        Type.STRING,
        "person.search.results",
        nonBlank("a topic name"),
        Importance.MEDIUM,
        "Output topic of search results (Avro PersonSearchResult): one per request, completed or"
            + " failed with why.",
        Width.MEDIUM,
        "Search results topic");
    keys.define(
        SEARCH_PAGE_SIZE,
        Type.INT,
        100,
        between(1, SearchSettings.MAX_PAGE_SIZE, "results per page"),
        Importance.LOW,
        "Results asked for per POST /person/search call. Larger pages spend fewer search permits.",
        Width.SHORT,
        "Search page size");
    keys.define(
        SEARCH_MAX_RESULTS,
        Type.INT,
        1_000,
        between(1, 100_000, "people"),
        Importance.MEDIUM,
        "The largest limit a search request may ask for; a request above it fails at once"
            + " (limit_above_max). Bounds each search's state and its result record.",
        Width.SHORT,
        "Search max results");
    keys.define(
        SEARCH_MAX_IN_FLIGHT_PER_TASK,
        Type.INT,
        2,
        between(1, 100, "page calls"),
        Importance.LOW,
        "Search page calls one task may have on the wire at once.",
        Width.SHORT,
        "Search calls in flight per task");
    keys.define(
        SEARCH_MAX_PENDING_PER_TASK,
        Type.INT,
        100,
        between(1, 100_000, "searches"),
        Importance.LOW,
        "Searches one task follows at once; a request beyond it fails at once (search_backlog_full)"
            + " rather than wait without bound.",
        Width.SHORT,
        "Searches per task");
    keys.define(
        LIVE_ENRICH_UNMATCHED,
        Type.BOOLEAN,
        false,
        null,
        Importance.MEDIUM,
        "Send a profile URL the index did not match on to live enrich (POST"
            + " /person/professional_network/enrich/live: 10 requests per minute, slow answers, 7"
            + " credits per profile); its answer is enriched with source LIVE, or unmatched. A 403 there"
            + " turns the fallback off until a restart (one log line, enricher_live_enrich_enabled 0).",
        Width.SHORT,
        "Live enrich fallback");
  }

  /** The search settings when searches are taken; retries follow the enrichment's. */
  static Optional<SearchSettings> searchSettings(EnricherConfig config) {
    if (!config.getBoolean(SEARCH_ENABLED)) {
      return Optional.empty();
    }
    var batch = BatchingSection.batchSettings(config);
    return Optional.of(
        new SearchSettings(
            config.getInt(SEARCH_PAGE_SIZE),
            config.getInt(SEARCH_MAX_RESULTS),
            config.getInt(SEARCH_MAX_IN_FLIGHT_PER_TASK),
            config.getInt(SEARCH_MAX_PENDING_PER_TASK),
            batch.maxAttempts(),
            batch.initialBackoff(),
            batch.maxBackoff(),
            batch.retryDeadline(),
            batch.punctuateInterval()));
  }

  static String requestsTopic(EnricherConfig config) {
    return config.getString(TOPIC_SEARCH_REQUESTS);
  }

  static String resultsTopic(EnricherConfig config) {
    return config.getString(TOPIC_SEARCH_RESULTS);
  }

  static boolean liveEnrichUnmatched(EnricherConfig config) {
    return config.getBoolean(LIVE_ENRICH_UNMATCHED);
  }
}
