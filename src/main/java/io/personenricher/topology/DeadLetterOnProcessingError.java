package io.personenricher.topology;

import io.personenricher.batching.AdmittedRecordException;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.routing.OutputRecords;
import io.personenricher.routing.RecordSource;
import io.personenricher.text.Failures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence for exceptions thrown while processing: an input record that made the
 * processor throw before it was admitted becomes a {@code PROCESSING_ERROR} dead letter carrying
 * its raw bytes and source offset, produced in the same transaction, and processing resumes.
 *
 * <p>Two cases fail the task instead (its transaction aborts and it is redone from the last commit,
 * so nothing is lost or doubled): a failure after the record was admitted ({@link
 * AdmittedRecordException}; a dead letter would be its second output), and a failure in a
 * punctuation, which has no record to blame. A dead letter that cannot be written (the registry is
 * down) fails the task too, which retries the record later.
 *
 * <p>Threading notes: one instance per stream thread, called on that thread.
 */
public final class DeadLetterOnProcessingError implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

  private LastResortHandlers.Context context;

  @Override
  public void configure(Map<String, ?> configs) {
    context = LastResortHandlers.contextFrom(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext where, Record<?, ?> record, Exception error) {
    if (record == null || error instanceof AdmittedRecordException) {
      log.error(
          "Unforeseen error in task {} ({}); the task restarts from its last commit",
          where.taskId(),
          record == null ? "punctuation" : "after admitting offset " + where.offset(),
          error);
      return Response.fail();
    }
    try {
      DeadLetter deadLetter =
          OutputRecords.deadLetter(
              new RecordSource(
                  where.topic() == null ? context.inputTopic() : where.topic(),
                  where.partition(),
                  where.offset(),
                  where.sourceRawKey()),
              null,
              where.sourceRawValue(),
              DeadLetterReason.PROCESSING_ERROR,
              "processing_exception",
              Failures.describe(error),
              null,
              0,
              Instant.now());
      byte[] value =
          context.deadLetterSerializer().serialize(context.deadLetterTopic(), deadLetter);
      log.error(
          "Unforeseen error processing {}-{}@{}; the record is dead-lettered as PROCESSING_ERROR",
          where.topic(),
          where.partition(),
          where.offset(),
          error);
      return Response.resume(
          List.of(
              new ProducerRecord<>(
                  context.deadLetterTopic(), null, where.sourceRawKey(), value, where.headers())));
    } catch (RuntimeException writeFailure) {
      log.error(
          "Could not dead-letter {}-{}@{} after an unforeseen error ({}); the task restarts",
          where.topic(),
          where.partition(),
          where.offset(),
          writeFailure.toString(),
          error);
      return Response.fail();
    }
  }
}
