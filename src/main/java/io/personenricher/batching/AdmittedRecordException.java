package io.personenricher.batching;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * An unforeseen failure in {@code process()} after the record was admitted (it already sits in the
 * stores, or has its output). The processing exception handler must fail the task rather than
 * dead-letter the record, which would give it a second output; the aborted transaction undoes the
 * admission, and the task redoes it.
 */
public final class AdmittedRecordException extends StreamsException {

  public AdmittedRecordException(RuntimeException cause) {
    super("failure after the record was admitted: " + cause, cause);
  }
}
