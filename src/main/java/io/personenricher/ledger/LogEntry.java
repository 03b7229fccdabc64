package io.personenricher.ledger;

/**
 * One record of a {@link SharedLog} as every reader sees it: its key, its decoded value, where it
 * stands in the log's one order and the timestamp the log gave it.
 *
 * @param offset the record's position; later records have higher offsets
 * @param timestampMs the log's timestamp of the record (the broker's append time on Kafka)
 */
public record LogEntry<V>(String key, V value, long offset, long timestampMs) {}
