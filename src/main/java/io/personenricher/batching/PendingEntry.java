package io.personenricher.batching;

import io.personenricher.intake.ValidIdentifier;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.routing.RecordSource;

/**
 * One input event the processor still owes an output for, as kept in the changelogged stores.
 *
 * <p>An entry is in exactly one of three states:
 *
 * <ul>
 *   <li><b>to enrich</b>: {@code event} and {@code identifier} set, no verdict;
 *   <li><b>decided</b>: {@code verdict} set (a dead letter waiting for its key's turn, or for the
 *       schema registry to write it);
 *   <li><b>awaiting the registry</b>: only {@code rawValue} set; its bytes are decoded once the
 *       registry answers again.
 * </ul>
 *
 * @param sourceTopic the input topic
 * @param partition the input partition (one task reads one partition)
 * @param offset the input offset: unique and increasing within a task, so it doubles as the entry's
 *     sequence
 * @param key the input record key bytes, kept verbatim for the output records; may be null
 * @param event the decoded event, or null when the bytes are not decoded (yet)
 * @param identifier the event's identifier as validated at admission, or null for entries without a
 *     valid event, and for entries written by a release that did not store it (validate again)
 * @param rawValue the input bytes when {@code event} is null
 * @param verdict a dead-letter decision already taken, or null
 * @param recordTimestamp the input record's timestamp
 * @param enqueuedAtMs wall-clock time it became eligible for batching (the linger clock)
 */
public record PendingEntry(
    String sourceTopic,
    int partition,
    long offset,
    byte[] key,
    IdentifierEvent event,
    ValidIdentifier identifier,
    byte[] rawValue,
    Verdict verdict,
    long recordTimestamp,
    long enqueuedAtMs) {

  public PendingEntry withEnqueuedAt(long wallClockMs) {
    return new PendingEntry(
        sourceTopic,
        partition,
        offset,
        key,
        event,
        identifier,
        rawValue,
        verdict,
        recordTimestamp,
        wallClockMs);
  }

  /** The same input, now decoded and validated. */
  public PendingEntry decoded(IdentifierEvent decoded, ValidIdentifier valid, Verdict decision) {
    return new PendingEntry(
        sourceTopic,
        partition,
        offset,
        key,
        decoded,
        valid,
        decoded == null ? rawValue : null,
        decision,
        recordTimestamp,
        enqueuedAtMs);
  }

  public boolean awaitsRegistry() {
    return event == null && verdict == null;
  }

  public RecordSource source() {
    return new RecordSource(sourceTopic, partition, offset, key);
  }

  /** When the caller saw the identifier: the event's own time if set, else the record timestamp. */
  public long eventTimeMs() {
    return event != null && event.getEventTime() != null
        ? event.getEventTime().toEpochMilli()
        : recordTimestamp;
  }
}
