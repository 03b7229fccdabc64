package io.personenricher.testutil;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.quota.PermitBroker;
import io.personenricher.routing.OutputLimits;
import io.personenricher.search.SearchSettings;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.serde.InMemorySchemaRegistry;
import io.personenricher.topology.EnricherSerdes;
import io.personenricher.topology.EnrichmentTopology;
import io.personenricher.topology.SearchWiring;
import io.personenricher.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The enrichment topology with its Search then Enrich sub-topology under the TopologyTestDriver,
 * with fake clients: send search requests, move the wall clock, read the results and the people's
 * outputs. The found people go through the input topic, which the driver feeds back.
 */
public final class SearchDriver implements AutoCloseable {

  public static final String REQUESTS = "person.search.requests";
  public static final String RESULTS = "person.search.results";

  /** Pages of 3, quick retries: searches of a few people take several pages. */
  public static final SearchSettings SETTINGS =
      new SearchSettings(
          3,
          100,
          2,
          10,
          3,
          Duration.ofSeconds(1),
          Duration.ofSeconds(4),
          Duration.ofMinutes(1),
          Duration.ofMillis(50));

  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestOutputTopic<byte[], PersonSearchResult> results;
  private final TestOutputTopic<byte[], EnrichedPerson> enriched;
  private final TestOutputTopic<byte[], UnmatchedIdentifier> unmatched;
  private final TestOutputTopic<byte[], DeadLetter> deadLetters;
  private final Serde<PersonSearchRequest> requestSerde;
  private final String scope;
  private final boolean dropRegistry;

  /**
   * @param scope the {@code mock://} registry scope (kept across a restart)
   * @param stateDir the state directory (kept across a restart)
   * @param dropRegistry whether closing drops the registry scope
   */
  public SearchDriver(
      FakeEnrichClient enrich,
      FakeSearchClient search,
      SearchSettings settings,
      PermitBroker permits,
      String scope,
      Path stateDir,
      boolean dropRegistry) {
    this.scope = scope;
    this.dropRegistry = dropRegistry;
    TopicNames topics = TopicNames.defaults();
    EnricherSerdes serdes = TestSerdes.enricherSerdes(scope);
    Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
    this.requestSerde = AvroSerdes.specific(PersonSearchRequest.class, config);
    Serde<PersonSearchResult> resultSerde = AvroSerdes.specific(PersonSearchResult.class, config);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enricher-search-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    this.driver =
        new TopologyTestDriver(
            EnrichmentTopology.build(
                topics,
                serdes,
                BatchSettings.defaults(),
                enrich,
                permits,
                EnricherMetrics.NOOP,
                new ProcessorActivity(),
                OutputLimits.defaults(),
                LiveFallback.off(),
                Optional.of(
                    new SearchWiring(
                        REQUESTS, RESULTS, requestSerde, resultSerde, search, settings)),
                io.personenricher.reuse.ReuseSettings.taskScope()),
            props,
            EnrichmentDriver.START);
    ByteArraySerializer bytes = new ByteArraySerializer();
    ByteArrayDeserializer keys = new ByteArrayDeserializer();
    this.requests = driver.createInputTopic(REQUESTS, bytes, bytes);
    this.results = driver.createOutputTopic(RESULTS, keys, resultSerde.deserializer());
    this.enriched =
        driver.createOutputTopic(topics.enriched(), keys, serdes.enriched().deserializer());
    this.unmatched =
        driver.createOutputTopic(topics.unmatched(), keys, serdes.unmatched().deserializer());
    this.deadLetters =
        driver.createOutputTopic(topics.deadLetter(), keys, serdes.deadLetter().deserializer());
  }

  /** A fresh driver on its own registry scope and state directory. */
  public static SearchDriver start(
      FakeEnrichClient enrich, FakeSearchClient search, SearchSettings settings) {
    return new SearchDriver(
        enrich,
        search,
        settings,
        PermitBroker.UNLIMITED,
        "search-driver-" + java.util.UUID.randomUUID(),
        TestDirs.newTempDir("ttd-search"),
        true);
  }

  public void send(PersonSearchRequest request) {
    sendRaw(request.getRequestId(), requestSerde.serializer().serialize(REQUESTS, request));
  }

  public void sendRaw(String key, byte[] value) {
    requests.pipeInput(key.getBytes(StandardCharsets.UTF_8), value);
  }

  public void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  public List<TestRecord<byte[], PersonSearchResult>> results() {
    return results.readRecordsToList();
  }

  public List<TestRecord<byte[], EnrichedPerson>> enriched() {
    return enriched.readRecordsToList();
  }

  public List<TestRecord<byte[], UnmatchedIdentifier>> unmatched() {
    return unmatched.readRecordsToList();
  }

  public List<TestRecord<byte[], DeadLetter>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
    if (dropRegistry) {
      InMemorySchemaRegistry.drop(scope);
    }
  }

  public static String key(byte[] key) {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }
}
