package io.personenricher.bench.pc;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.vertx.VertxParallelEoSStreamProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a user would build with Confluent Parallel Consumer's Vert.x module: one asynchronous API call per
 * record, {@code maxConcurrency} calls in flight, key ordering. Runs in its own JVM on its own classpath (Vert.x
 * 4, Kafka clients 3.9) and prints one {@code RESULT {json}} line.
 *
 * <p>Arguments: bootstrap topic baseUrl apiKey concurrency seconds [groupId [library-defaults]]. With
 * {@code library-defaults} Parallel Consumer creates its own Vert.x and WebClient (default pool), so the program
 * itself touches no Vert.x-4-only API: used to see whether the library runs on Vert.x 5.
 *
 * <p>Records are the product's Avro input events in the Confluent wire format. Only the first two fields are
 * needed (identifier type, identifier), so they are read by hand instead of pulling Avro and a registry client
 * onto this classpath: magic byte, 4-byte schema id, then the enum index and the string, both zig-zag varints.
 *
 * <p>Threading notes: Parallel Consumer calls the request function on its own threads and completes on Vert.x
 * event loops; the counters are atomics; main only reads them.
 */
public final class ParallelConsumerBaseline {

  private ParallelConsumerBaseline() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    String url = args[2] + "/person/enrich";
    String apiKey = args[3];
    int concurrency = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);

    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, args.length > 6 ? args[6] : "bench-parallel-consumer");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    ParallelConsumerOptions<byte[], byte[]> options = ParallelConsumerOptions.<byte[], byte[]>builder()
        .consumer(consumer)
        .ordering(ProcessingOrder.KEY)
        .maxConcurrency(concurrency)
        .build();
    boolean libraryDefaults = args.length > 7 && args[7].equals("library-defaults");
    Vertx vertx = libraryDefaults ? null : Vertx.vertx();
    VertxParallelEoSStreamProcessor<byte[], byte[]> processor;
    if (libraryDefaults) {
      processor = new VertxParallelEoSStreamProcessor<>(options);
    } else {
      // The default pool (5 connections) would cap concurrency below maxConcurrency.
      WebClient web = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(concurrency));
      processor = new VertxParallelEoSStreamProcessor<>(vertx, web, options);
    }

    AtomicLong started = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    AtomicLong firstCompletionNanos = new AtomicLong();
    processor.subscribe(List.of(topic));
    processor.vertxHttpWebClient((client, context) -> {
      started.incrementAndGet();
      Future<HttpResponse<Buffer>> response = client.postAbs(url)
          .putHeader("authorization", "Bearer " + apiKey)
          .putHeader("x-api-version", "2025-11-01")
          .putHeader("content-type", "application/json")
          .sendBuffer(Buffer.buffer(body(context.value())));
      response.onComplete(ar -> {
        firstCompletionNanos.compareAndSet(0, System.nanoTime());
        completed.incrementAndGet();
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          ok.incrementAndGet();
        }
      });
      return response;
    }, sent -> { });

    long startNanos = System.nanoTime();
    while (firstCompletionNanos.get() == 0 && System.nanoTime() - startNanos < Duration.ofSeconds(60).toNanos()) {
      Thread.sleep(20);
    }
    long windowStart = System.nanoTime();
    long completedAtStart = completed.get();
    Thread.sleep(seconds * 1000L);
    long windowNanos = System.nanoTime() - windowStart;
    long completedInWindow = completed.get() - completedAtStart;
    double rate = completedInWindow / (windowNanos / 1e9);
    System.out.printf(java.util.Locale.ROOT,
        "RESULT {\"concurrency\":%d,\"windowSeconds\":%.3f,\"completedInWindow\":%d,\"recordsPerSecond\":%.3f,"
            + "\"started\":%d,\"completed\":%d,\"ok200\":%d,\"startupToFirstCompletionMs\":%d,\"vertx\":\"%s\"}%n",
        concurrency, windowNanos / 1e9, completedInWindow, rate, started.get(), completed.get(), ok.get(),
        (firstCompletionNanos.get() - startNanos) / 1_000_000, jarOf(Vertx.class));
    System.out.flush();
    processor.closeDontDrainFirst();
    if (vertx != null) {
      vertx.close();
    }
    System.exit(0);
  }

  /** The jar a class came from: shows which Vert.x this JVM really runs. */
  static String jarOf(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The request body for one event: its identifier in the list its type names. */
  static String body(byte[] confluentAvro) {
    int[] position = {5};
    int type = (int) zigZag(confluentAvro, position);
    int length = (int) zigZag(confluentAvro, position);
    String identifier = new String(confluentAvro, position[0], length, StandardCharsets.UTF_8);
    String list = type == 0 ? "business_emails" : "professional_network_profile_urls";
    return "{\"" + list + "\":[\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}";
  }

  private static long zigZag(byte[] bytes, int[] position) {
    long raw = 0;
    int shift = 0;
    while (true) {
      byte b = bytes[position[0]++];
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return (raw >>> 1) ^ -(raw & 1);
  }
}
