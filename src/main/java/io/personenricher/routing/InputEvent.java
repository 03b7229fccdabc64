package io.personenricher.routing;

import io.personenricher.model.avro.IdentifierEvent;

/**
 * The input an output record answers: where it came from, and the event (or, when it could not be
 * decoded, its raw bytes).
 *
 * @param event the decoded event, or null
 * @param rawValue the undecoded bytes when {@code event} is null, else null
 * @param eventTimeMs when the caller saw the identifier, for the end-to-end latency metric
 */
public record InputEvent(
    RecordSource source, IdentifierEvent event, byte[] rawValue, long eventTimeMs) {}
