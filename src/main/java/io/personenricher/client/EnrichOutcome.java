package io.personenricher.client;

import java.time.Instant;
import java.util.List;

/**
 * What one API call came to. Every HTTP status and transport failure is mapped to exactly one of
 * these at the client boundary, so callers decide by type and never inspect status codes.
 */
public sealed interface EnrichOutcome {

  /**
   * The HTTP status of the response, or null when no response arrived (timeout, connection
   * failure).
   */
  Integer httpStatus();

  /**
   * True when the call reached the API (or was sent and lost on the way), so it counts as an
   * attempt; false for answers the client gave without sending anything (halted, queue full,
   * closed).
   */
  boolean reachedApi();

  /**
   * A usable answer: one entry per requested identifier, in request order (checked by the client).
   * A 404 is a success whose entries all have no matches.
   *
   * @param creditsUsed the {@code x-credits-used} header, or null when absent
   */
  record Success(List<EnrichEntry> entries, Double creditsUsed, Integer httpStatus)
      implements EnrichOutcome {
    public Success {
      entries = List.copyOf(entries);
    }

    @Override
    public boolean reachedApi() {
      return true;
    }
  }

  /**
   * The API refused this request as invalid (400). Permanent for the request as sent; the caller
   * may bisect the batch to isolate the offending identifier.
   *
   * @param errorType the API's {@code error.type}, e.g. {@code invalid_request}
   * @param message the API's {@code error.message} (for humans; never parsed)
   */
  record Rejected(Integer httpStatus, String errorType, String message) implements EnrichOutcome {
    @Override
    public boolean reachedApi() {
      return true;
    }
  }

  /**
   * A transient failure worth retrying: 429, 5xx, timeout, connection failure, or a response that
   * broke the protocol (malformed JSON, not an array, wrong number of entries).
   *
   * @param notBefore the earliest retry the server asked for (x-ratelimit-reset / Retry-After), or
   *     null
   */
  record Retriable(RetryReason reason, Integer httpStatus, String message, Instant notBefore)
      implements EnrichOutcome {
    @Override
    public boolean reachedApi() {
      return reason != RetryReason.NOT_SENT;
    }
  }

  /**
   * The client as a whole cannot make progress (401, 402, 403). The client halts all sending until
   * a probe succeeds; callers must keep their work pending, never dead-letter it.
   */
  record Fatal(HaltReason reason, Integer httpStatus, String message) implements EnrichOutcome {
    /** A fatal answer without a status is the halted client's own, given without sending. */
    @Override
    public boolean reachedApi() {
      return httpStatus != null;
    }
  }

  /** Why a retriable failure happened; also the dead-letter error class when retries run out. */
  enum RetryReason {
    RATE_LIMITED("rate_limited"),
    SERVER_ERROR("server_error"),
    TIMEOUT("timeout"),
    CONNECTION_FAILED("connection_failed"),
    PROTOCOL_ERROR("protocol_error"),
    /** The client did not send the request (its queue was full, or it is closing). */
    NOT_SENT("not_sent");

    private final String code;

    RetryReason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
