package io.personenricher.batching;

import io.personenricher.model.avro.IdentifierEvent;

/**
 * One input event the processor still owes an output for, as kept in the changelogged stores.
 *
 * @param sourceTopic the input topic
 * @param partition the input partition (one task reads one partition)
 * @param offset the input offset: unique and increasing within a task, so it doubles as the entry's
 *     sequence
 * @param key the input record key bytes, kept verbatim for the output records; may be null
 * @param event the decoded event, or null when the bytes could not be decoded
 * @param rawValue the undecodable input bytes (only when {@code event} is null)
 * @param verdict a dead-letter decision already taken, or null for an event still to be enriched
 * @param recordTimestamp the input record's timestamp
 * @param enqueuedAtMs wall-clock time it became eligible for batching (the linger clock)
 */
public record PendingEntry(
    String sourceTopic,
    int partition,
    long offset,
    byte[] key,
    IdentifierEvent event,
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
        rawValue,
        verdict,
        recordTimestamp,
        wallClockMs);
  }

  /** When the caller saw the identifier: the event's own time if set, else the record timestamp. */
  public long eventTimeMs() {
    return event != null && event.getEventTime() != null
        ? event.getEventTime().toEpochMilli()
        : recordTimestamp;
  }
}
