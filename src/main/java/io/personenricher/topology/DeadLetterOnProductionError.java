package io.personenricher.topology;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.routing.OutputRecords;
import io.personenricher.routing.OutputRouter;
import io.personenricher.routing.RecordSource;
import io.personenricher.text.Failures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence for an output the broker refuses as too large (the processor checks
 * sizes against the limits it read at start-up; this covers a topic whose limit was lowered since):
 * instead of failing the transaction again and again, the output becomes an {@code
 * OUTPUT_TOO_LARGE} dead letter naming its input record, produced in the same transaction. Every
 * other production error keeps Kafka Streams' default (fail), because retrying or skipping it
 * blindly could lose an output.
 *
 * <p>Threading notes: one instance per stream thread, called on that thread.
 */
public final class DeadLetterOnProductionError implements ProductionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterOnProductionError.class);

  private LastResortHandlers.Context context;

  @Override
  public void configure(Map<String, ?> configs) {
    context = LastResortHandlers.contextFrom(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext where, ProducerRecord<byte[], byte[]> record, Exception error) {
    if (!(error instanceof RecordTooLargeException)
        || context.deadLetterTopic().equals(record.topic())) {
      return Response.fail();
    }
    RecordSource source = sourceOf(record);
    DeadLetter deadLetter =
        OutputRecords.deadLetter(
            source,
            null,
            null,
            DeadLetterReason.OUTPUT_TOO_LARGE,
            "output_too_large",
            "the broker refused the "
                + record.topic()
                + " record of "
                + (record.value() == null ? 0 : record.value().length)
                + " bytes: "
                + Failures.describe(error),
            null,
            0,
            Instant.now());
    byte[] value;
    try {
      value = context.deadLetterSerializer().serialize(context.deadLetterTopic(), deadLetter);
    } catch (RuntimeException e) {
      return Response.fail();
    }
    log.error(
        "Output to {} for input offset {} was too large for the broker; dead-lettered instead",
        record.topic(),
        source.offset());
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                context.deadLetterTopic(), null, record.key(), value, record.headers())));
  }

  /** The input record named by the output's source header, or unknown (-1) without one. */
  private RecordSource sourceOf(ProducerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(OutputRouter.SOURCE_HEADER);
    int partition = -1;
    long offset = -1;
    if (header != null && header.value() != null) {
      String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("/", 2);
      try {
        partition = Integer.parseInt(parts[0]);
        offset = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
      } catch (NumberFormatException ignored) {
        // An output without a readable source header: the dead letter says "unknown".
      }
    }
    return new RecordSource(context.inputTopic(), partition, offset, record.key());
  }
}
