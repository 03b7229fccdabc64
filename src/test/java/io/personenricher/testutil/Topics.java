package io.personenricher.testutil;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic helpers for integration tests: unique names and creation that waits for partition leaders.
 */
public final class Topics {

  private Topics() {}

  /**
   * A topic name unique to this call, e.g. {@code identifiers-3f9c2a1b}, so tests never share
   * topics.
   */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates the topics (replication factor 1) and waits until every partition has a leader.
   * Producing right after creation without this wait is how KAFKA-15591 loses records (see
   * infrastructure.md).
   */
  public static void create(Broker broker, int partitions, String... topics) {
    create(broker, partitions, Map.of(), topics);
  }

  /** As above, each topic with the given topic configs. */
  public static void create(
      Broker broker, int partitions, Map<String, String> configs, String... topics) {
    try (Admin admin = Admin.create(broker.clientConfig())) {
      List<NewTopic> newTopics =
          Arrays.stream(topics)
              .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
              .toList();
      try {
        admin.createTopics(newTopics).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "could not create topics " + Arrays.toString(topics), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      await("leaders for " + Arrays.toString(topics))
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> allHaveLeaders(admin, topics, partitions));
    }
  }

  /** Creates one topic per prefix with a unique name and returns the names, in order. */
  public static List<String> createUnique(Broker broker, int partitions, String... prefixes) {
    List<String> names = Arrays.stream(prefixes).map(Topics::unique).toList();
    create(broker, partitions, names.toArray(String[]::new));
    return names;
  }

  private static boolean allHaveLeaders(Admin admin, String[] topics, int partitions)
      throws Exception {
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(Arrays.asList(topics)).allTopicNames().get();
    return descriptions.values().stream()
        .allMatch(
            d ->
                d.partitions().size() == partitions
                    && d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /**
   * Creates an application's answers topic as the application does at start-up: one partition,
   * compacted and deleted past the time-to-live and a margin.
   */
  public static String createAnswers(Broker broker, String applicationId, Duration ttl) {
    String topic = io.personenricher.reuse.ReuseSettings.topicOf(applicationId);
    create(
        broker,
        1,
        Map.of(
            "cleanup.policy",
            "compact,delete",
            "retention.ms",
            Long.toString(io.personenricher.reuse.ReuseSettings.retentionMs(ttl))),
        topic);
    return topic;
  }

  /**
   * Fresh names for one enricher's four topics: the input and its enriched, unmatched and
   * dead-letter outputs.
   */
  public static io.personenricher.topology.TopicNames uniqueEnricherTopics(String prefix) {
    String input = unique(prefix);
    return new io.personenricher.topology.TopicNames(
        input, input + ".enriched", input + ".unmatched", input + ".dlq");
  }

  /** {@link #uniqueEnricherTopics}, created with the given partition count. */
  public static io.personenricher.topology.TopicNames createEnricherTopics(
      Broker broker, int partitions, String prefix) {
    io.personenricher.topology.TopicNames topics = uniqueEnricherTopics(prefix);
    create(
        broker,
        partitions,
        topics.input(),
        topics.enriched(),
        topics.unmatched(),
        topics.deadLetter());
    return topics;
  }
}
