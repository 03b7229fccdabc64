package io.personenricher.client;

import io.personenricher.quota.Endpoint;
import java.time.Instant;

/**
 * One kind of API call as {@link VertxApiTransport} sends and reads it: where it goes, its body,
 * and how an answer becomes the caller's outcome type {@code O}. Failures share one vocabulary
 * across every endpoint ({@link EnrichOutcome.Rejected}, {@link EnrichOutcome.Retriable}, {@link
 * EnrichOutcome.Fatal}), so the transport can halt, mask secrets and report transport failures
 * without knowing what a successful answer of the endpoint looks like.
 *
 * <p>Threading notes: implementations are immutable; the transport calls them on its I/O thread and
 * on callers' threads.
 */
interface ApiExchange<O> {

  Endpoint endpoint();

  /** The JSON request body. */
  String body();

  /** What the request carries, for the debug log: {@code 25 identifiers}, {@code a page of 100}. */
  String describe();

  /**
   * Classifies one HTTP response.
   *
   * @param notBefore the earliest retry the server asked for, or null
   */
  O answered(int status, String body, EnrichProtocol.QuotaHeaders quota, Instant notBefore);

  /** The outcome for a call that failed, before or instead of an answer. */
  O failed(EnrichOutcome failure);

  /** The failure an outcome carries, or null for a usable answer. */
  EnrichOutcome failureOf(O outcome);
}
