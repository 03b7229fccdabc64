package io.personenricher.serde;

import java.util.Optional;

/**
 * Tells a schema registry outage apart from bad data in a (de)serialization failure.
 *
 * <p>Both reach a caller as a {@code SerializationException}, but they call for opposite actions:
 * bytes that are not in the wire format, a body that does not decode, or a schema id the registry
 * does not know are the record's fault (dead-letter it, with its bytes); a registry that cannot be
 * reached, answers 5xx or something unreadable, or refuses our credentials is nobody's record's
 * fault (keep the record and try again later). The decision is taken on the serde's own typed
 * {@link SchemaRegistryException.Kind}, never on exception classes such as {@code IOException}:
 * Avro itself throws {@code EOFException} for a truncated body.
 */
public final class RegistryOutage {

  private RegistryOutage() {}

  /**
   * The registry failure that caused {@code error}, when the registry rather than the data is at
   * fault; empty for every data error.
   */
  public static Optional<SchemaRegistryException> causeOf(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryException registry) {
        return isOutage(registry.kind()) ? Optional.of(registry) : Optional.empty();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  /** True for the kinds that say nothing about the record being read or written. */
  public static boolean isOutage(SchemaRegistryException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE, AUTHENTICATION, UNEXPECTED_RESPONSE -> true;
      case UNKNOWN_SCHEMA_ID,
          UNKNOWN_SUBJECT,
          SCHEMA_NOT_REGISTERED,
          INCOMPATIBLE_SCHEMA,
          INVALID_SCHEMA ->
          false;
    };
  }
}
