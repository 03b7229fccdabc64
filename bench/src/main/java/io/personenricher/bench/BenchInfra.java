package io.personenricher.bench;

import io.personenricher.app.local.ApicurioRegistry;
import io.personenricher.app.local.EmbeddedKafkaBroker;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.serde.AvroSerdeConfig;
import io.personenricher.serde.AvroSerdes;
import io.personenricher.topology.TopicNames;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The shared infrastructure of one benchmark run: a real KRaft broker (in this JVM), a real Apicurio registry
 * (its own JVM), one Vert.x instance for the clients and one for the simulated API, and the fixture producer.
 * An application JVM the harness starts ({@link OverheadChild}) attaches to the harness's broker, registry and
 * simulated API instead ({@link #attach}): it has its own Vert.x and fixture producer, and owns none of the three.
 * The simulated API gets its own event loops because the real one runs elsewhere: on one shared Vert.x the
 * simulator's server and the client's connections ended on the same event loop thread, so the fake API's work
 * and the client's queued behind each other on one core.
 *
 * <p>Fixture producers follow infrastructure.md §1 (KAFKA-15591): topics are created and have leaders before
 * anything produces, {@code acks=all}, {@code max.in.flight.requests.per.connection=1}, and every send result
 * is checked, so a silently dropped batch fails the run instead of skewing a number.
 */
final class BenchInfra implements AutoCloseable {

  /** Null when attached: the broker and the registry belong to the harness JVM then. */
  private final EmbeddedKafkaBroker broker;
  private final ApicurioRegistry registry;
  private final String bootstrap;
  private final String registryUrl;
  /** The harness's simulated API when attached, or null: each drain then starts a simulator of its own here. */
  private final String harnessSimulatorUrl;
  final Vertx vertx;
  final Vertx simulatorVertx;
  private final Admin admin;

  private BenchInfra(EmbeddedKafkaBroker broker, ApicurioRegistry registry, String bootstrap, String registryUrl,
      String harnessSimulatorUrl) {
    this.broker = broker;
    this.registry = registry;
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.harnessSimulatorUrl = harnessSimulatorUrl;
    this.vertx = Vertx.vertx();
    this.simulatorVertx = Vertx.vertx();
    this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  static BenchInfra start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    try {
      ApicurioRegistry registry = ApicurioRegistry.start();
      return new BenchInfra(broker, registry, broker.bootstrapServers(), registry.ccompatUrl(), null);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /**
   * The infrastructure of a harness that runs elsewhere: its broker, registry and simulated API (every drain here
   * runs against that one simulator, with the settings the harness gave it), this JVM's own Vert.x.
   */
  static BenchInfra attach(String bootstrap, String registryUrl, String simulatorUrl) {
    return new BenchInfra(null, null, bootstrap, registryUrl, simulatorUrl);
  }

  /** The harness's simulated API when attached, else null. */
  String harnessSimulatorUrl() {
    return harnessSimulatorUrl;
  }

  String bootstrap() {
    return bootstrap;
  }

  String registryUrl() {
    return registryUrl;
  }

  Map<String, Object> serdeConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
  }

  /** Topic names with a per-scenario prefix, so scenarios never read each other's records. */
  static TopicNames topics(String prefix) {
    return new TopicNames(prefix + ".identifiers", prefix + ".enriched", prefix + ".unmatched", prefix + ".dlq");
  }

  /** Creates the four topics (input with {@code inputPartitions}, outputs with one) and waits for leaders. */
  void createTopics(TopicNames topics, int inputPartitions) {
    createTopics(topics, inputPartitions, Map.of());
  }

  /** Like {@link #createTopics(TopicNames, int)}, the output topics with {@code outputConfig}. */
  void createTopics(TopicNames topics, int inputPartitions, Map<String, String> outputConfig) {
    createTopic(topics.input(), inputPartitions);
    createTopic(topics.enriched(), 1, outputConfig);
    createTopic(topics.unmatched(), 1, outputConfig);
    createTopic(topics.deadLetter(), 1, outputConfig);
  }

  void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates the topic unless it exists (a run restarting an earlier run's application). */
  void ensureTopic(String name, int partitions, Map<String, String> config) {
    try {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
        createTopic(name, partitions, config);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list topics: " + e.getMessage(), e);
    }
  }

  void createTopic(String name, int partitions, Map<String, String> config) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config))).all()
          .get(30, TimeUnit.SECONDS);
      // Leaders must be known before the first send: the fresh-topic window is where KAFKA-15591 bites.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try {
          var description =
              admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
          if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
            return;
          }
        } catch (ExecutionException e) {
          // Right after creation the metadata may not know the topic yet; anything else is a real failure.
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("topic " + name + " has no leader after 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + ": " + e, e);
    }
  }

  /**
   * Bytes on the broker's disk per topic whose name contains {@code part} (all partitions, before any
   * compaction runs): what a run wrote to its output and changelog topics.
   */
  Map<String, Long> topicBytes(String part) {
    Map<String, Long> sizes = new java.util.TreeMap<>();
    try {
      List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
          .map(org.apache.kafka.common.Node::id).toList();
      admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()
          .forEach(dirs -> dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, info) -> {
            if (partition.topic().contains(part)) {
              sizes.merge(partition.topic(), info.size(), Long::sum);
            }
          })));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not describe the log dirs: " + e, e);
    }
    return sizes;
  }

  /** The safe fixture producer settings (see the class comment). */
  Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return config;
  }

  Serializer<IdentifierEvent> eventSerializer() {
    return AvroSerdes.specific(IdentifierEvent.class, serdeConfig()).serializer();
  }

  /**
   * Produces {@code count} events (key {@code rec-i}, value {@code events.apply(i)}) and checks every
   * acknowledgement; returns the wall-clock milliseconds it took.
   */
  long produce(String topic, int count, IntFunction<IdentifierEvent> events) {
    return produce(topic, count, "rec-", events);
  }

  /** Like {@link #produce(String, int, IntFunction)}, keyed {@code keyPrefix + i}. */
  long produce(String topic, int count, String keyPrefix, IntFunction<IdentifierEvent> events) {
    long start = System.currentTimeMillis();
    try (KafkaProducer<String, IdentifierEvent> producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), eventSerializer())) {
      List<Future<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(producer.send(new ProducerRecord<>(topic, keyPrefix + i, events.apply(i))));
        if (futures.size() == 50_000) {
          checkAll(futures);
        }
      }
      producer.flush();
      checkAll(futures);
    }
    return System.currentTimeMillis() - start;
  }

  /** A producer for paced sending; the caller checks each result with {@link #checkAll}. */
  KafkaProducer<String, IdentifierEvent> eventProducer() {
    return new KafkaProducer<>(producerConfig(), new StringSerializer(), eventSerializer());
  }

  KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  static void checkAll(List<Future<RecordMetadata>> futures) {
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("fixture send " + i + " failed: " + e, e);
      }
    }
    futures.clear();
  }

  /** An event with its own identifier: even {@code i} an email, odd a profile URL, alternating like a CRM mix. */
  static IdentifierEvent distinctEvent(io.personenricher.simulator.SyntheticPeople people, int i, long eventTime) {
    boolean email = i % 2 == 0;
    String identifier = i < people.size()
        ? (email ? people.emailOf(i) : people.profileUrlOf(i))
        : (email ? people.unknownEmail(i) : people.unknownProfileUrl(i));
    return IdentifierEvent.newBuilder()
        .setIdentifierType(email ? IdentifierType.BUSINESS_EMAIL : IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL)
        .setIdentifier(identifier)
        .setEventTime(eventTime == 0 ? null : java.time.Instant.ofEpochMilli(eventTime))
        .build();
  }

  static Duration seconds(double s) {
    return Duration.ofMillis((long) (s * 1000));
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    for (Vertx instance : List.of(vertx, simulatorVertx)) {
      instance.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
    }
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
