package io.personenricher.batching;

import io.personenricher.intake.IdentifierValidator;
import io.personenricher.intake.ValidIdentifier;
import io.personenricher.intake.Validation;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.testutil.Events;
import java.nio.charset.StandardCharsets;

/** Pending entries for the parts' unit tests. */
final class Entries {

  private static final IdentifierValidator VALIDATOR = new IdentifierValidator(null);

  private Entries() {}

  static PendingEntry email(long offset, String key, String email, long enqueuedAtMs) {
    return valid(offset, key, Events.email(email), enqueuedAtMs);
  }

  static PendingEntry valid(long offset, String key, IdentifierEvent event, long enqueuedAtMs) {
    ValidIdentifier identifier = ((Validation.Valid) VALIDATOR.validate(event)).identifier();
    return new PendingEntry(
        "in",
        0,
        offset,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        event,
        identifier,
        null,
        null,
        enqueuedAtMs,
        enqueuedAtMs);
  }

  static GroupKey groupOf(PendingEntry entry) {
    return GroupKey.of(entry.identifier());
  }
}
