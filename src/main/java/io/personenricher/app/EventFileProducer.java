package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.serde.AvroSerdes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the events of a CSV/JSON-lines file to a topic as Avro (Confluent wire format through the
 * registry), never losing one silently: {@code acks=all}, idempotent, one request in flight per
 * connection (the KAFKA-15591 workaround), and every send's result is checked. Bad lines are
 * reported with their number and skipped.
 *
 * <p>Threading notes: {@link #produce} runs on the caller's thread; producer callbacks run on the
 * producer's I/O thread and only touch atomics and a synchronized list.
 */
final class EventFileProducer {

  /**
   * What happened: lines read as events, acknowledged sends, bad lines (with their reports), failed
   * sends.
   */
  record Result(
      long events, long acknowledged, List<ParsedLine.Bad> badLines, List<String> sendFailures) {

    boolean allGood() {
      return badLines.isEmpty() && sendFailures.isEmpty() && acknowledged == events;
    }
  }

  private static final int REPORTED_FAILURES = 20;

  private EventFileProducer() {}

  /**
   * @param progress where bad lines and progress go (stderr for the CLI); null for silence
   */
  static Result produce(EnricherConfig config, String topic, Path file, PrintWriter progress) {
    IdentifierFileReader.Format format =
        IdentifierFileReader.Format.of(file.getFileName().toString());
    Map<String, Object> producerConfig = KafkaClientConfigs.producer(config);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enricher-produce");
    producerConfig.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    AtomicLong acknowledged = new AtomicLong();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failureCount = new AtomicLong();
    List<ParsedLine.Bad> bad = new ArrayList<>();
    long[] events = {0};
    long[] lastProgress = {System.nanoTime()};
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        KafkaProducer<String, IdentifierEvent> producer =
            new KafkaProducer<>(
                producerConfig,
                new StringSerializer(),
                AvroSerdes.specific(IdentifierEvent.class, config.serdeConfig()).serializer())) {
      IdentifierFileReader.read(
          in,
          format,
          line -> {
            if (line instanceof ParsedLine.Bad b) {
              bad.add(b);
              if (progress != null) {
                progress.println("skipped " + b.describe());
              }
              return;
            }
            ParsedLine.Event e = (ParsedLine.Event) line;
            events[0]++;
            if (failureCount.get() > 0) {
              // After a failed send (broker gone, registry down) further sends would each block and
              // fail the same
              // way; the rest of the file counts as not sent.
              return;
            }
            producer.send(
                new ProducerRecord<>(topic, e.key(), e.event()),
                (metadata, error) -> {
                  if (error == null) {
                    acknowledged.incrementAndGet();
                  } else if (failureCount.incrementAndGet() <= REPORTED_FAILURES) {
                    failures.add("line " + e.lineNumber() + " (key " + e.key() + "): " + error);
                  }
                });
            if (progress != null && System.nanoTime() - lastProgress[0] > 1_000_000_000L) {
              lastProgress[0] = System.nanoTime();
              progress.println(
                  "... " + events[0] + " events read, " + acknowledged.get() + " acknowledged");
              progress.flush();
            }
          });
      producer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> reported = new ArrayList<>(failures);
    if (failureCount.get() > REPORTED_FAILURES) {
      reported.add("... and " + (failureCount.get() - REPORTED_FAILURES) + " more failed sends");
    }
    return new Result(events[0], acknowledged.get(), List.copyOf(bad), List.copyOf(reported));
  }
}
