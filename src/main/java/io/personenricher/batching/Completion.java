package io.personenricher.batching;

import io.personenricher.client.EnrichOutcome;

/**
 * An API call's outcome on its way from an I/O thread back to the stream thread that sent the
 * batch.
 *
 * @param sentAtMs wall-clock time the batch was handed to the client
 */
record Completion(Batch batch, EnrichOutcome outcome, long sentAtMs) {}
