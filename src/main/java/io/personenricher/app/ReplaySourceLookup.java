package io.personenricher.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the headers of the input record a dead letter came from, to tell whether that record was
 * itself a replay (see {@link ReplayHeaders}). Dead letters of one failure usually sit on
 * neighbouring input offsets, so each fetch keeps the headers of the whole batch it returned and
 * later look-ups in it cost nothing.
 *
 * <p>Threading notes: single thread (the replay's); wraps a {@link KafkaConsumer} without a group.
 */
final class ReplaySourceLookup implements AutoCloseable {

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, long[]> bounds = new HashMap<>();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Map<TopicPartition, NavigableMap<Long, Headers>> fetched = new HashMap<>();

  ReplaySourceLookup(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * The headers of the record at that position; empty when it is gone (retention, compaction) or
   * cannot be read within 10 s.
   */
  Optional<Headers> headersAt(String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    NavigableMap<Long, Headers> batch = fetched.get(tp);
    if (batch != null
        && !batch.isEmpty()
        && offset >= batch.firstKey()
        && offset <= batch.lastKey()) {
      return Optional.ofNullable(batch.get(offset));
    }
    long[] range = bounds.computeIfAbsent(tp, this::range);
    if (offset < range[0] || offset >= range[1]) {
      return Optional.empty();
    }
    if (assigned.add(tp)) {
      // Growing the assignment instead of replacing it keeps the other partitions' fetch state.
      consumer.assign(assigned);
    }
    consumer.pause(assigned);
    consumer.resume(List.of(tp));
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<ConsumerRecord<byte[], byte[]>> records =
          consumer.poll(Duration.ofMillis(200)).records(tp);
      if (!records.isEmpty()) {
        NavigableMap<Long, Headers> kept = new TreeMap<>();
        kept.put(offset, null);
        records.forEach(r -> kept.put(r.offset(), r.headers()));
        fetched.put(tp, kept);
        return Optional.ofNullable(kept.get(offset));
      }
      if (consumer.position(tp) > offset) {
        // Skipped (an aborted transaction's record or a control marker): nothing to read there.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private long[] range(TopicPartition tp) {
    Set<TopicPartition> one = Set.of(tp);
    return new long[] {
      consumer.beginningOffsets(one).getOrDefault(tp, 0L),
      consumer.endOffsets(one).getOrDefault(tp, 0L)
    };
  }

  @Override
  public void close() {
    consumer.close();
  }
}
