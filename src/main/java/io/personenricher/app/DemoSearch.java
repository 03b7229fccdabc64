package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchSort;
import io.personenricher.model.avro.SearchStatus;
import io.personenricher.search.SearchFilterJson;
import io.personenricher.search.SearchRecords;
import io.personenricher.serde.AvroSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's Search then Enrich step: one search ("VPs", 10 people) through the same path as {@code
 * enricher search}, its result, and the enriched person of every profile it found.
 *
 * <p>Threading notes: the demo's thread only.
 */
final class DemoSearch {

  static final String REQUEST_ID = "demo-vp-search";
  static final String FILTERS =
      "{\"op\":\"or\",\"conditions\":["
          + "{\"field\":\"basic_profile.current_title\",\"type\":\"(.)\",\"value\":\"VP|Vice President\"},"
          + "{\"field\":\"basic_profile.headline\",\"type\":\"(.)\",\"value\":\"VP\"}]}";
  static final int LIMIT = 10;

  private DemoSearch() {}

  /** Runs the search and prints what it came to; true when every person found was enriched. */
  static boolean run(EnricherConfig config, PrintWriter out, Duration timeout) {
    PersonSearchRequest request =
        PersonSearchRequest.newBuilder()
            .setRequestId(REQUEST_ID)
            .setFilters(SearchFilterJson.parse(FILTERS))
            .setLimit(LIMIT)
            .setSorts(List.of(new SearchSort("basic_profile.name", "asc")))
            .setMetadata(Map.of("source", "demo"))
            .build();
    out.printf(
        Locale.ROOT,
        "%nSearch then Enrich: searching for up to %d VPs (POST /person/search) and enriching each...%n",
        LIMIT);
    out.flush();
    Optional<PersonSearchResult> result =
        new SearchRequestSender(config).send(request, timeout).result();
    if (result.isEmpty()) {
      out.println("  No search result within " + timeout.toSeconds() + " s.");
      return false;
    }
    out.println("  " + SearchCommand.describe(result.get()).lines().findFirst().orElse(""));
    if (result.get().getStatus() != SearchStatus.COMPLETED) {
      return false;
    }
    Map<Integer, EnrichedPerson> people =
        enriched(config, result.get().getProfileUrls().size(), timeout);
    people.forEach(
        (position, person) ->
            out.printf(
                Locale.ROOT,
                "  #%d %s -> %s%n",
                position,
                person.getInput().getIdentifier(),
                person.getMatches().isEmpty()
                        || person.getMatches().get(0).getBasicProfile() == null
                    ? "?"
                    : person.getMatches().get(0).getBasicProfile().getName()
                        + ", "
                        + person.getMatches().get(0).getBasicProfile().getCurrentTitle()));
    out.printf(
        Locale.ROOT,
        "  %d of %d people found were enriched (keys search:%s:<position>)%n",
        people.size(),
        result.get().getProfileUrls().size(),
        REQUEST_ID);
    out.flush();
    return people.size() == result.get().getProfileUrls().size();
  }

  /** The search's enriched people by position, read (read_committed) until all came or time ran. */
  private static Map<Integer, EnrichedPerson> enriched(
      EnricherConfig config, int expected, Duration timeout) {
    Map<String, Object> consumerConfig = KafkaClientConfigs.consumer(config);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<Integer, EnrichedPerson> people = new TreeMap<>();
    String prefix = SearchRecords.personKey(REQUEST_ID, 0).replaceAll("0$", "");
    try (KafkaConsumer<String, EnrichedPerson> consumer =
        new KafkaConsumer<>(
            consumerConfig,
            new StringDeserializer(),
            AvroSerdes.specific(EnrichedPerson.class, config.serdeConfig()).deserializer())) {
      String topic = config.topicNames().enriched();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (people.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, EnrichedPerson> record :
            consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && record.key().startsWith(prefix)) {
            people.put(Integer.parseInt(record.key().substring(prefix.length())), record.value());
          }
        }
      }
    }
    return people;
  }
}
