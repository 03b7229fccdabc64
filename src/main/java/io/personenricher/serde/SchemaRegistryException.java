package io.personenricher.serde;

/**
 * A Schema Registry call failed. {@link #kind()} says why in a form callers can branch on; the
 * message says it in a form an operator can act on (it names the registry URL and quotes the
 * registry's own error message).
 */
public class SchemaRegistryException extends RuntimeException {

  /** Why a registry call failed. */
  public enum Kind {
    /** No HTTP response: connection refused, DNS failure or timeout. */
    UNREACHABLE,
    /** 409: the schema breaks the subject's compatibility rule. */
    INCOMPATIBLE_SCHEMA,
    /** 422: the registry refused the schema text itself. */
    INVALID_SCHEMA,
    /** 404 / 40403 on {@code GET /schemas/ids/{id}}: no schema has this id. */
    UNKNOWN_SCHEMA_ID,
    /** 404 / 40401: the subject does not exist. */
    UNKNOWN_SUBJECT,
    /** 404 / 40403 on a lookup: the subject exists but this schema is not registered under it. */
    SCHEMA_NOT_REGISTERED,
    /** 401 or 403: credentials missing or rejected. */
    AUTHENTICATION,
    /** Any other status or a body that is not the documented JSON. */
    UNEXPECTED_RESPONSE
  }

  private final Kind kind;
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(
      Kind kind, String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(Kind kind, String message) {
    this(kind, message, -1, -1, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or -1 when there was no response (or the registry is in memory). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (e.g. 40401), or -1 when absent. */
  public int errorCode() {
    return errorCode;
  }
}
