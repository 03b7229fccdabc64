package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Re-injects dead letters into the input topic (see {@link ReplayCommand}).
 *
 * <p>Exactly once per progress group: a consumer reads the dead-letter topic under {@code
 * plan.group()} from where that group's committed offsets say the last replay stopped, up to the
 * end offsets taken at the start (so dead letters that the replayed events cause are left for a
 * later run). A transactional producer writes the replayed events and commits the consumed offsets
 * in the same transaction ({@code sendOffsetsToTransaction}), in chunks: an interrupted replay
 * loses nothing and the next run resumes after its last chunk; a finished one leaves the group at
 * the end, so running it again finds nothing. The transactional id is derived from the group, so a
 * second replay of the same group running at once fences the first instead of doubling its work.
 *
 * <p>Producer settings as for every fixture and CLI producer here (KAFKA-15591): {@code acks=all},
 * idempotent, one request in flight per connection, every send's result checked before its chunk
 * commits.
 *
 * <p>Threading notes: runs on the caller's thread; the Kafka clients' own threads are internal.
 */
final class DeadLetterReplayer {

  /**
   * What to replay.
   *
   * @param deadLetterTopic where the dead letters are read
   * @param inputTopic where the events go
   * @param group the consumer group whose committed offsets record the progress
   * @param filter which dead letters
   * @param includeUndecodable re-inject the raw bytes of undecodable inputs verbatim
   * @param dryRun count only: no producer, no offsets committed
   */
  record Plan(
      String deadLetterTopic,
      String inputTopic,
      String group,
      ReplayFilter filter,
      boolean includeUndecodable,
      boolean dryRun) {}

  /**
   * What happened.
   *
   * @param scanned dead letters read (the whole range, filtered or not)
   * @param byReason replayed (or, in a dry run, replayable) dead letters by reason
   * @param filteredOut dead letters the filter did not select
   * @param undecodableSkipped selected dead letters with only raw bytes, skipped
   * @param unreadable records on the dead-letter topic that are not a DeadLetter, skipped
   */
  record Result(
      long scanned,
      Map<String, Long> byReason,
      long filteredOut,
      long undecodableSkipped,
      long unreadable) {

    long replayed() {
      return byReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Progress as records are read: {@code scanned} of {@code total}, {@code replayed} so far. */
  interface Progress {
    void update(long scanned, long total, long replayed);
  }

  private static final int CHUNK_RECORDS = 500;
  private static final Duration CHUNK_TIME = Duration.ofSeconds(5);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

  private final EnricherConfig config;
  private final Plan plan;

  DeadLetterReplayer(EnricherConfig config, Plan plan) {
    this.config = Objects.requireNonNull(config, "config");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  /** The transactional id of a group's replays: stable, so a concurrent twin is fenced. */
  static String transactionalId(String group) {
    return group + "-producer";
  }

  /**
   * Runs the replay.
   *
   * @throws IllegalStateException when the dead-letter topic does not exist, or a send or commit
   *     failed (what was committed before stays replayed; the rest is left for the next run)
   */
  Result run(Progress progress) {
    Deserializer<DeadLetter> deadLetters =
        AvroSerdes.specific(DeadLetter.class, config.serdeConfig()).deserializer();
    Serializer<IdentifierEvent> events =
        AvroSerdes.specific(IdentifierEvent.class, config.serdeConfig()).serializer();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(plan.group());
        ReplaySourceLookup sources = new ReplaySourceLookup(consumer(null));
        KafkaProducer<byte[], byte[]> producer = plan.dryRun() ? null : producer()) {
      List<TopicPartition> partitions = partitions(consumer);
      if (producer != null) {
        // Before reading the committed offsets: completes or aborts what a killed earlier run left.
        producer.initTransactions();
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> start = startOffsets(consumer, partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long total = 0;
      for (TopicPartition tp : partitions) {
        total += Math.max(0, end.get(tp) - start.get(tp));
        consumer.seek(tp, start.get(tp));
      }
      Run run = new Run(deadLetters, events, sources, producer, total, progress);
      if (total > 0) {
        run.readUntil(consumer, end);
      }
      progress.update(run.scanned, total, run.replayed);
      return new Result(
          run.scanned, run.byReason, run.filteredOut, run.undecodableSkipped, run.unreadable);
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    var infos = consumer.partitionsFor(plan.deadLetterTopic(), Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "the dead-letter topic "
              + plan.deadLetterTopic()
              + " does not exist on "
              + config.getString(EnricherConfig.BOOTSTRAP_SERVERS)
              + " (check --from / enricher.topic.dead.letter)");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static Map<TopicPartition, Long> startOffsets(
      KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(30));
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> start = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata done = committed.get(tp);
      start.put(tp, done == null ? beginning.get(tp) : Math.max(done.offset(), beginning.get(tp)));
    }
    return start;
  }

  /** The reading and writing of one replay, with its counts. */
  private final class Run {

    private final Deserializer<DeadLetter> deadLetters;
    private final Serializer<IdentifierEvent> events;
    private final ReplaySourceLookup sources;
    private final KafkaProducer<byte[], byte[]> producer;
    private final long total;
    private final Progress progress;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    private final List<Future<RecordMetadata>> sends = new ArrayList<>();
    private long scanned;
    private long replayed;
    private long filteredOut;
    private long undecodableSkipped;
    private long unreadable;
    private long chunkStartedNanos = System.nanoTime();

    Run(
        Deserializer<DeadLetter> deadLetters,
        Serializer<IdentifierEvent> events,
        ReplaySourceLookup sources,
        KafkaProducer<byte[], byte[]> producer,
        long total,
        Progress progress) {
      this.deadLetters = deadLetters;
      this.events = events;
      this.sources = sources;
      this.producer = producer;
      this.total = total;
      this.progress = progress;
    }

    void readUntil(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
      Set<TopicPartition> open = new HashSet<>();
      end.forEach(
          (tp, offset) -> {
            if (consumer.position(tp) < offset) {
              open.add(tp);
            } else {
              consumer.pause(Set.of(tp));
            }
          });
      begin();
      while (!open.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(tp)) {
            handle(record);
            consumed.put(tp, new OffsetAndMetadata(record.offset() + 1));
          }
        }
        for (TopicPartition tp : List.copyOf(open)) {
          // Read-committed positions step over transaction markers, so compare, never equal.
          if (consumer.position(tp) >= end.get(tp)) {
            open.remove(tp);
            consumer.pause(Set.of(tp));
            // The end, not the position: a poll may have fetched dead letters written since the
            // start, which this run leaves for the next.
            consumed.put(tp, new OffsetAndMetadata(end.get(tp)));
          }
        }
        progress.update(scanned, total, replayed);
        if (sends.size() >= CHUNK_RECORDS
            || System.nanoTime() - chunkStartedNanos > CHUNK_TIME.toNanos()) {
          commit(consumer);
          begin();
        }
      }
      commit(consumer);
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
      scanned++;
      DeadLetter deadLetter;
      try {
        deadLetter = deadLetters.deserialize(record.topic(), record.headers(), record.value());
      } catch (RuntimeException e) {
        unreadable++;
        return;
      }
      if (deadLetter == null) {
        unreadable++;
        return;
      }
      if (!plan.filter().matches(deadLetter, record.key())) {
        filteredOut++;
        return;
      }
      byte[] value;
      if (deadLetter.getEvent() != null) {
        value = events.serialize(plan.inputTopic(), deadLetter.getEvent());
      } else if (plan.includeUndecodable() && deadLetter.getRawValue() != null) {
        value = Utils.toArray(deadLetter.getRawValue());
      } else {
        undecodableSkipped++;
        return;
      }
      byReason.merge(deadLetter.getReason().name(), 1L, Long::sum);
      replayed++;
      if (producer == null) {
        return;
      }
      int count =
          ReplayHeaders.nextCount(
              record.headers(),
              sources.headersAt(
                  deadLetter.getSourceTopic(),
                  deadLetter.getSourcePartition(),
                  deadLetter.getSourceOffset()));
      byte[] key = ReplayFilter.originalKey(deadLetter, record.key());
      sends.add(
          producer.send(
              new ProducerRecord<>(
                  plan.inputTopic(),
                  null,
                  key,
                  value,
                  ReplayHeaders.of(record.topic(), record.partition(), record.offset(), count))));
    }

    private void begin() {
      chunkStartedNanos = System.nanoTime();
      if (producer != null) {
        producer.beginTransaction();
      }
    }

    /** Checks every send of the chunk, then commits it with the offsets it consumed. */
    private void commit(KafkaConsumer<byte[], byte[]> consumer) {
      if (producer == null) {
        return;
      }
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        try {
          send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
          producer.abortTransaction();
          throw new IllegalStateException(
              "a replayed event could not be written to "
                  + plan.inputTopic()
                  + " (this chunk was rolled back; run the same replay again to resume): "
                  + (e.getCause() == null ? e : e.getCause()),
              e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          producer.abortTransaction();
          throw new IllegalStateException("interrupted; this chunk was rolled back", e);
        }
      }
      sends.clear();
      if (!consumed.isEmpty()) {
        producer.sendOffsetsToTransaction(Map.copyOf(consumed), consumer.groupMetadata());
      }
      producer.commitTransaction();
      consumed.clear();
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    Map<String, Object> settings = KafkaClientConfigs.consumer(config);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (group == null) {
      settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    } else {
      settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> settings = KafkaClientConfigs.producer(config);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(plan.group()));
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enricher-replay");
    return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
