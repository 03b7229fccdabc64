package io.personenricher.batching;

import io.personenricher.client.EnrichOutcome;

/**
 * An API call's outcome on its way from an I/O thread back to the stream thread that sent the
 * batch.
 *
 * @param sentAtMs wall-clock time the batch was handed to the client
 * @param prepared a successful outcome's entries in the output form
 */
record Completion(Batch batch, EnrichOutcome outcome, long sentAtMs, PreparedAnswers prepared) {

  /** The outcome with its entries prepared here, on the thread the answer arrived on. */
  Completion(Batch batch, EnrichOutcome outcome, long sentAtMs) {
    this(batch, outcome, sentAtMs, PreparedAnswers.of(outcome));
  }
}
