package io.personenricher.testutil;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.LiveFallback;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.EnrichClient;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.quota.PermitBroker;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.OutputLimits;
import io.personenricher.serde.SchemaRegistryClient;
import io.personenricher.topology.EnricherSerdes;
import io.personenricher.topology.EnrichmentTopology;
import io.personenricher.topology.LastResortHandlers;
import io.personenricher.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The enrichment topology under TopologyTestDriver with a fake client (or a client wrapping one):
 * send events, move the wall clock, read the three outputs. Keys are strings in tests and raw bytes
 * on the wire.
 */
public final class EnrichmentDriver implements AutoCloseable {

  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> input;
  private final TestOutputTopic<byte[], EnrichedPerson> enriched;
  private final TestOutputTopic<byte[], UnmatchedIdentifier> unmatched;
  private final TestOutputTopic<byte[], DeadLetter> deadLetters;
  private final EnricherSerdes serdes;
  private final String scope;
  private final List<Output> outputs = new ArrayList<>();

  /** The answers topic of the application-wide reuse tests. */
  public static final String ANSWERS_TOPIC = ReuseSettings.topicOf("enricher-test");

  private final ReuseSettings reuse;

  /** Any output record, in the order read (which, per topic, is the order written). */
  public record Output(String key, Object value) {}

  public EnrichmentDriver(EnrichClient client, BatchSettings settings) {
    this(client, settings, EnricherMetrics.NOOP, new ProcessorActivity());
  }

  public EnrichmentDriver(
      EnrichClient client,
      BatchSettings settings,
      EnricherMetrics metrics,
      ProcessorActivity activity) {
    this(client, settings, metrics, activity, null, OutputLimits.defaults(), false);
  }

  /** With its own quota (the processor asks it for every permit). */
  public EnrichmentDriver(EnrichClient client, BatchSettings settings, PermitBroker permits) {
    this(
        client,
        settings,
        EnricherMetrics.NOOP,
        new ProcessorActivity(),
        null,
        OutputLimits.defaults(),
        false,
        permits,
        LiveFallback.off(),
        ReuseSettings.taskScope());
  }

  /** With the live enrich fallback as given. */
  public EnrichmentDriver(FakeEnrichClient client, BatchSettings settings, LiveFallback live) {
    this(
        client,
        settings,
        EnricherMetrics.NOOP,
        new ProcessorActivity(),
        null,
        OutputLimits.defaults(),
        false,
        PermitBroker.UNLIMITED,
        live,
        ReuseSettings.taskScope());
  }

  /** With answers reused as {@code reuse} says (application scope: {@link #ANSWERS_TOPIC}). */
  public EnrichmentDriver(FakeEnrichClient client, BatchSettings settings, ReuseSettings reuse) {
    this(
        client,
        settings,
        EnricherMetrics.NOOP,
        new ProcessorActivity(),
        null,
        OutputLimits.defaults(),
        false,
        PermitBroker.UNLIMITED,
        LiveFallback.off(),
        reuse);
  }

  /**
   * @param registry the registry client of the serdes, or null for a fresh {@code mock://} one
   * @param lastResort whether Kafka Streams' processing and production handlers are the
   *     application's last-resort ones
   */
  public EnrichmentDriver(
      EnrichClient client,
      BatchSettings settings,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      SchemaRegistryClient registry,
      OutputLimits limits,
      boolean lastResort) {
    this(
        client,
        settings,
        metrics,
        activity,
        registry,
        limits,
        lastResort,
        PermitBroker.UNLIMITED,
        LiveFallback.off(),
        ReuseSettings.taskScope());
  }

  private EnrichmentDriver(
      EnrichClient client,
      BatchSettings settings,
      EnricherMetrics metrics,
      ProcessorActivity activity,
      SchemaRegistryClient registry,
      OutputLimits limits,
      boolean lastResort,
      PermitBroker permits,
      LiveFallback live,
      ReuseSettings reuse) {
    this.reuse = reuse;
    TopicNames topics = TopicNames.defaults();
    this.scope = "enrichment-driver-" + java.util.UUID.randomUUID();
    this.serdes =
        registry == null ? TestSerdes.enricherSerdes(scope) : TestSerdes.enricherSerdes(registry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enricher-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.newTempDir("ttd").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    if (lastResort) {
      LastResortHandlers.install(
          props,
          new LastResortHandlers.Context(
              topics.input(), topics.deadLetter(), serdes.deadLetter().serializer()));
    }
    this.driver =
        new TopologyTestDriver(
            EnrichmentTopology.build(
                topics,
                serdes,
                settings,
                client,
                permits,
                metrics,
                activity,
                limits,
                live,
                Optional.empty(),
                reuse),
            props,
            START);
    this.input =
        driver.createInputTopic(
            topics.input(), new ByteArraySerializer(), new ByteArraySerializer());
    ByteArrayDeserializer keys = new ByteArrayDeserializer();
    this.enriched =
        driver.createOutputTopic(topics.enriched(), keys, serdes.enriched().deserializer());
    this.unmatched =
        driver.createOutputTopic(topics.unmatched(), keys, serdes.unmatched().deserializer());
    this.deadLetters =
        driver.createOutputTopic(topics.deadLetter(), keys, serdes.deadLetter().deserializer());
  }

  public void send(String key, IdentifierEvent event) {
    sendRaw(key, encode(event));
  }

  /** The event's bytes as a producer would write them (registering its schema if needed). */
  public byte[] encode(IdentifierEvent event) {
    return serdes.input().serializer().serialize(TopicNames.defaults().input(), event);
  }

  public void sendRaw(String key, byte[] value) {
    input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Sends {@code events} keyed {@code prefix0, prefix1, ...}. */
  public void sendAll(String prefix, List<IdentifierEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      send(prefix + i, events.get(i));
    }
  }

  /** Writes a record to the answers topic as another task would (the global store folds it). */
  public void sendAnswerRecord(byte[] key, byte[] value, Instant timestamp) {
    driver
        .createInputTopic(reuse.topic(), new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(key, value, timestamp);
  }

  /** The records this application wrote to the answers topic since the last call. */
  public List<TestRecord<byte[], byte[]>> answerRecords() {
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    return driver.createOutputTopic(reuse.topic(), bytes, bytes).readRecordsToList();
  }

  public void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  public List<TestRecord<byte[], EnrichedPerson>> enriched() {
    return record(enriched.readRecordsToList());
  }

  public List<TestRecord<byte[], UnmatchedIdentifier>> unmatched() {
    return record(unmatched.readRecordsToList());
  }

  public List<TestRecord<byte[], DeadLetter>> deadLetters() {
    return record(deadLetters.readRecordsToList());
  }

  private <V> List<TestRecord<byte[], V>> record(List<TestRecord<byte[], V>> records) {
    records.forEach(r -> outputs.add(new Output(key(r.key()), r.value())));
    return records;
  }

  public static String key(byte[] key) {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  /** Every output read so far, in the order read. */
  public List<Output> outputs() {
    return List.copyOf(outputs);
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
    io.personenricher.serde.InMemorySchemaRegistry.drop(scope);
  }
}
