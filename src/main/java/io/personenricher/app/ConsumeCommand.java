package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.serde.AvroSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher consume}: print records of our topics as JSON lines (see {@link JsonLines}).
 *
 * <p>Reads every partition without a consumer group (nothing is committed, nothing to clean up) and
 * with {@code read_committed}, so the exactly-once processor's aborted or open transactions are
 * never shown. Values are decoded with the generic Avro deserializer through the registry, so any
 * of the four topics (or any Avro topic) works.
 *
 * <p>Threading notes: the poll loop runs on the caller's thread; a Ctrl-C hook only calls {@code
 * consumer.wakeup()} (thread-safe) and waits for the loop to close the consumer.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Print records of a topic as JSON lines (topic, partition, offset, timestamp, key, value), decoded "
          + "through the schema registry; read_committed; no consumer group. Logs go to stderr, records to stdout.",
      "Without --max or --timeout it follows the topic until Ctrl-C."
    })
final class ConsumeCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "Topic to read.")
  String topic;

  @Option(
      names = "--from-beginning",
      description = "Start at the earliest offset instead of the end.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Stop after this many seconds without a new record.")
  Long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    EnricherConfig config = configOptions.load(parent.configLoader());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> consumerConfig = KafkaClientConfigs.consumer(config);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Reading must never create a topic (a typo would otherwise leave an empty topic behind).
    consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    Deserializer<GenericRecord> values =
        AvroSerdes.generic(config.serdeConfig(), false).deserializer();
    long printed = 0;
    CountDownLatch finished = new CountDownLatch(1);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Thread hook =
          new Thread(
              () -> {
                consumer.wakeup();
                try {
                  finished.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "enricher-consume-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
          err.println(
              "Topic " + topic + " does not exist on " + consumerConfig.get("bootstrap.servers"));
          err.flush();
          return ExitCodes.RUNTIME_FAILURE;
        }
        consumer.assign(partitions);
        if (fromBeginning) {
          consumer.seekToBeginning(partitions);
        } else {
          consumer.seekToEnd(partitions);
        }
        long lastRecordAt = System.nanoTime();
        while (max == null || printed < max) {
          var records = consumer.poll(Duration.ofMillis(200));
          for (ConsumerRecord<byte[], byte[]> r : records) {
            out.println(line(r, values));
            printed++;
            if (max != null && printed >= max) {
              break;
            }
          }
          out.flush();
          if (!records.isEmpty()) {
            lastRecordAt = System.nanoTime();
          } else if (timeoutSeconds != null
              && System.nanoTime() - lastRecordAt > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
            break;
          }
        }
      } catch (WakeupException stopped) {
        // Ctrl-C: fall through to close the consumer and report the count.
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // The hook is what stopped us.
        }
      }
    } finally {
      finished.countDown();
    }
    err.println("Consumed " + printed + " record(s) from " + topic);
    err.flush();
    return ExitCodes.OK;
  }

  static String line(ConsumerRecord<byte[], byte[]> r, Deserializer<GenericRecord> values) {
    Object value = null;
    String error = null;
    if (r.value() != null) {
      try {
        value = values.deserialize(r.topic(), r.headers(), r.value());
      } catch (RuntimeException e) {
        error = e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }
    return JsonLines.render(
        r.topic(),
        r.partition(),
        r.offset(),
        r.timestamp(),
        r.key(),
        value,
        error,
        error == null ? null : r.value());
  }
}
