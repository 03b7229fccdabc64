package io.personenricher.routing;

/**
 * Where an input record came from: the context every dead letter carries so it can be found and
 * replayed.
 *
 * @param key the input record key bytes, verbatim (may be null)
 */
public record RecordSource(String topic, int partition, long offset, byte[] key) {}
