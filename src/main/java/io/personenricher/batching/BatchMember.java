package io.personenricher.batching;

import io.personenricher.intake.ValidIdentifier;

/** A pending event taking part in a batch, with its validated identifier. */
record BatchMember(PendingEntry entry, ValidIdentifier identifier) {}
