package io.personenricher.app;

import io.personenricher.routing.OutputLimits;
import io.personenricher.topology.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies at start-up that the four topics exist, and optionally creates the missing ones. Kafka
 * Streams would otherwise start, find no input topic and sit idle (or fail on the first output),
 * far from the cause.
 *
 * <p>Created topics get the broker's default replication factor. After creating, it waits until
 * every partition has a leader: producing to a topic before that is how KAFKA-15591 loses records.
 *
 * <p>It also reads the output topics' {@code max.message.bytes}: with the producer's {@code
 * max.request.size} it bounds the output records, so that one that would not fit becomes a dead
 * letter instead of a transaction that fails again and again.
 */
final class TopicCheck {

  private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

  private TopicCheck() {}

  /**
   * Thrown when topics are missing and creation was not asked for; the message names them and the
   * fix.
   */
  static final class MissingTopicsException extends IllegalStateException {
    MissingTopicsException(String message) {
      super(message);
    }
  }

  /**
   * @param createPartitions empty: fail when a topic is missing; otherwise create missing topics
   *     with this many partitions
   * @param maxRequestBytes the producer's {@code max.request.size}
   * @param workflowTopics the topics of the workflows switched on (search requests and results)
   * @return the size limit of output records
   */
  static OutputLimits ensure(
      Map<String, Object> adminConfig,
      TopicNames topics,
      Optional<Integer> createPartitions,
      Duration timeout,
      int maxRequestBytes,
      List<String> workflowTopics) {
    Set<String> wanted =
        new LinkedHashSet<>(
            List.of(topics.input(), topics.enriched(), topics.unmatched(), topics.deadLetter()));
    wanted.addAll(workflowTopics);
    Admin admin = Admin.create(adminConfig);
    try {
      Set<String> existing = get(admin.listTopics().names(), timeout, adminConfig);
      List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
      if (missing.isEmpty()) {
        return outputLimits(admin, topics, timeout, adminConfig, maxRequestBytes);
      }
      if (createPartitions.isEmpty()) {
        throw new MissingTopicsException(
            "Missing topic"
                + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing)
                + " on "
                + adminConfig.get("bootstrap.servers")
                + ". Create "
                + (missing.size() > 1 ? "them" : "it")
                + " (partitions = the parallelism you want; e.g. "
                + "kafka-topics.sh --bootstrap-server "
                + adminConfig.get("bootstrap.servers")
                + " --create --topic "
                + missing.get(0)
                + " --partitions 4), point enricher.topic.* at existing topics, or start with "
                + "--create-topics.");
      }
      List<NewTopic> newTopics = new ArrayList<>();
      missing.forEach(t -> newTopics.add(new NewTopic(t, createPartitions, Optional.empty())));
      try {
        get(admin.createTopics(newTopics).all(), timeout, adminConfig);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      log.info("Created topic(s) {} with {} partition(s)", missing, createPartitions.get());
      awaitLeaders(admin, missing, timeout, adminConfig);
      return outputLimits(admin, topics, timeout, adminConfig, maxRequestBytes);
    } finally {
      // Bounded: an unreachable broker leaves requests pending, and the default close waits for
      // them.
      admin.close(Duration.ofSeconds(2));
    }
  }

  /**
   * Creates the application's quota ledger topic when it is missing: it is internal to the
   * application (like Kafka Streams' changelogs), one partition (the quota's single order), and
   * keeps an hour of records (instances re-append what must outlive that).
   */
  static void ensureLedger(Map<String, Object> adminConfig, String topic, Duration timeout) {
    ensureInternalTopic(
        adminConfig,
        topic,
        "quota ledger",
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            "3600000"),
        timeout);
  }

  /**
   * Creates the application's credit ledger topic when it is missing, or lengthens its retention
   * when a longer period needs it. One partition (the budget's single order); compacted, so the
   * latest record of each spender and period stays (every record is cumulative), and deleted after
   * {@code retention} (at least two of the longest period), so old periods go. Records are stamped
   * by the broker ({@code LogAppendTime}: every reader judges reservations' ages by the same clock)
   * and compacted only once an hour old, so a reader that is not an hour behind reads every record
   * a fold as of its own asks depends on.
   */
  static void ensureCreditLedger(
      Map<String, Object> adminConfig, String topic, Duration retention, Duration timeout) {
    ensureInternalTopic(
        adminConfig,
        topic,
        "credit ledger",
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            Long.toString(retention.toMillis()),
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
            "3600000",
            TopicConfig.SEGMENT_MS_CONFIG,
            "86400000",
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
            "LogAppendTime"),
        timeout);
    Admin admin = Admin.create(adminConfig);
    try {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          get(admin.describeConfigs(List.of(resource)).all(), timeout, adminConfig).get(resource);
      ConfigEntry current = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
      long retained = current == null ? Long.MAX_VALUE : Long.parseLong(current.value());
      if (retained >= 0 && retained < retention.toMillis()) {
        AlterConfigOp longer =
            new AlterConfigOp(
                new ConfigEntry(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())),
                AlterConfigOp.OpType.SET);
        get(
            admin.incrementalAlterConfigs(Map.of(resource, List.of(longer))).all(),
            timeout,
            adminConfig);
        log.info("Raised the retention of the credit ledger {} to {}", topic, retention);
      }
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  /**
   * Creates the application's answers topic when it is missing: internal like the quota ledger, one
   * partition (the claims' single order: the first claim the topic holds wins), compacted (the
   * latest record per identifier is what counts) and deleted past the answers' time-to-live plus a
   * margin (nothing older is of use).
   */
  static void ensureAnswers(
      Map<String, Object> adminConfig, String topic, long retentionMs, Duration timeout) {
    ensureInternalTopic(
        adminConfig,
        topic,
        "answers",
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            Long.toString(retentionMs)),
        timeout);
  }

  /** Creates a one-partition internal topic with {@code configs} unless it exists. */
  private static void ensureInternalTopic(
      Map<String, Object> adminConfig,
      String topic,
      String what,
      Map<String, String> configs,
      Duration timeout) {
    Admin admin = Admin.create(adminConfig);
    try {
      Set<String> existing = get(admin.listTopics().names(), timeout, adminConfig);
      if (existing.contains(topic)) {
        return;
      }
      NewTopic ledger = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs);
      try {
        get(admin.createTopics(List.of(ledger)).all(), timeout, adminConfig);
        log.info("Created the {} topic {}", what, topic);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, List.of(topic), timeout, adminConfig);
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  /** The smallest of the output topics' {@code max.message.bytes} and {@code maxRequestBytes}. */
  private static OutputLimits outputLimits(
      Admin admin,
      TopicNames topics,
      Duration timeout,
      Map<String, Object> adminConfig,
      int maxRequestBytes) {
    List<ConfigResource> outputs =
        List.of(topics.enriched(), topics.unmatched(), topics.deadLetter()).stream()
            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
            .toList();
    Map<ConfigResource, Config> configs =
        get(admin.describeConfigs(outputs).all(), timeout, adminConfig);
    int limit = maxRequestBytes;
    for (Map.Entry<ConfigResource, Config> topic : configs.entrySet()) {
      ConfigEntry entry = topic.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        int topicLimit = Integer.parseInt(entry.value());
        if (topicLimit < limit) {
          log.info(
              "Output records are limited to {} bytes by {}'s max.message.bytes",
              topicLimit,
              topic.getKey().name());
          limit = topicLimit;
        }
      }
    }
    return new OutputLimits(limit);
  }

  private static void awaitLeaders(
      Admin admin, List<String> topics, Duration timeout, Map<String, Object> cfg) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> descriptions =
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        boolean ready =
            descriptions.values().stream()
                .allMatch(
                    d ->
                        d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // Metadata of a just-created topic may not have propagated yet; ask again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic leaders", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topics "
                + topics
                + " have no partition leaders after "
                + timeout
                + " on "
                + cfg.get("bootstrap.servers"));
      }
      try {
        // Polling interval: the admin API offers no notification for leader election.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic leaders", e);
      }
    }
  }

  private static <T> T get(
      org.apache.kafka.common.KafkaFuture<T> future,
      Duration timeout,
      Map<String, Object> adminConfig) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not check the topics on Kafka at "
              + adminConfig.get("bootstrap.servers")
              + " (check enricher.bootstrap.servers and that the broker is up): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at "
              + adminConfig.get("bootstrap.servers")
              + " did not answer within "
              + timeout.toSeconds()
              + " s: check enricher.bootstrap.servers and that the broker is up",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to Kafka", e);
    }
  }
}
