package io.personenricher.batching;

import io.personenricher.intake.IdentifierValidator;
import io.personenricher.intake.RecordDecoder;
import io.personenricher.intake.Validation;
import io.personenricher.model.avro.DeadLetterReason;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes and validates an input record into a {@link PendingEntry}: decided (a dead letter with
 * its reason), to enrich (with its validated identifier), or awaiting the schema registry (its raw
 * bytes, to decode later). Never throws for anything a record can contain.
 *
 * <p>Threading notes: stream thread only (the decoder and validator are stateless).
 */
final class EventIntake {

  /** Told when decoding needed the registry and could not reach it. */
  @FunctionalInterface
  interface RegistryListener {
    void unavailable(String message);
  }

  private final RecordDecoder decoder;
  private final IdentifierValidator validator;

  EventIntake(RecordDecoder decoder, IdentifierValidator validator) {
    this.decoder = decoder;
    this.validator = validator;
  }

  /** Decodes {@code raw} (an entry that holds only the record's bytes). */
  PendingEntry decode(PendingEntry raw, Headers headers, RegistryListener registry) {
    RecordDecoder.Decoded decoded = decoder.decode(raw.sourceTopic(), headers, raw.rawValue());
    if (decoded instanceof RecordDecoder.Decoded.Event event) {
      Validation validation = validator.validate(event.event());
      if (validation instanceof Validation.Valid valid) {
        return raw.decoded(event.event(), valid.identifier(), null);
      }
      return raw.decoded(event.event(), null, verdict((Validation.Invalid) validation));
    }
    if (decoded instanceof RecordDecoder.Decoded.Undecodable undecodable) {
      DeadLetterReason reason =
          raw.rawValue() == null ? DeadLetterReason.INVALID_EVENT : DeadLetterReason.UNDECODABLE;
      return raw.decoded(
          null, null, new Verdict(reason, undecodable.errorClass(), undecodable.message()));
    }
    registry.unavailable(((RecordDecoder.Decoded.RegistryUnavailable) decoded).message());
    return raw;
  }

  /**
   * The entry's identifier as validated at admission; entries an older release stored without it
   * are validated again (and a newer rule may refuse them).
   */
  Validation validation(PendingEntry entry) {
    return entry.identifier() != null
        ? new Validation.Valid(entry.identifier())
        : validator.validate(entry.event());
  }

  /** The dead-letter verdict for an entry {@link #validation} refuses. */
  Verdict refusal(PendingEntry entry) {
    return verdict((Validation.Invalid) validator.validate(entry.event()));
  }

  private static Verdict verdict(Validation.Invalid invalid) {
    return new Verdict(DeadLetterReason.INVALID_EVENT, invalid.errorClass(), invalid.message());
  }
}
