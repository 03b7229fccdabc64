package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.client.IdentifierKind;
import io.personenricher.intake.ValidIdentifier;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.testutil.Events;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingEntryCodecTest {

  private final PendingEntryCodec codec = new PendingEntryCodec();

  private static PendingEntry validEntry() {
    return new PendingEntry(
        "person.identifiers",
        3,
        42L,
        "crm-1".getBytes(StandardCharsets.UTF_8),
        Events.event(IdentifierType.BUSINESS_EMAIL, "Ann@acme.com", 0.8, List.of("experience")),
        new ValidIdentifier(
            IdentifierKind.BUSINESS_EMAIL,
            "Ann@acme.com",
            "ann@acme.com",
            List.of("experience"),
            0.8),
        null,
        null,
        1_000L,
        2_000L);
  }

  @Test
  void roundTripsAnEventWithAllItsContextAndItsValidatedIdentifier() {
    PendingEntry entry = validEntry();

    PendingEntry decoded = codec.decode(codec.encode(entry));

    assertThat(decoded).usingRecursiveComparison().isEqualTo(entry);
  }

  @Test
  void readsTheVersionOneLayoutOfEarlierReleasesWithoutAnIdentifier() {
    PendingEntry entry = validEntry();

    PendingEntry decoded = codec.decode(codec.encodeV1(entry));

    assertThat(decoded.identifier()).isNull();
    assertThat(decoded.event()).isEqualTo(entry.event());
    assertThat(decoded.offset()).isEqualTo(42L);
  }

  @Test
  void roundTripsAnUndecodableRecordWithItsVerdict() {
    PendingEntry entry =
        new PendingEntry(
            "in",
            0,
            7L,
            null,
            null,
            null,
            new byte[] {1, 2, 3},
            new Verdict(DeadLetterReason.UNDECODABLE, "undecodable", "bad bytes"),
            5L,
            6L);

    PendingEntry decoded = codec.decode(codec.encode(entry));

    assertThat(decoded.rawValue()).containsExactly(1, 2, 3);
    assertThat(decoded.key()).isNull();
    assertThat(decoded.verdict()).isEqualTo(entry.verdict());
  }

  @Test
  void roundTripsARecordAwaitingTheRegistry() {
    PendingEntry entry =
        new PendingEntry("in", 0, 9L, null, null, null, new byte[] {0, 0, 0, 0, 7}, null, 5L, 6L);

    PendingEntry decoded = codec.decode(codec.encode(entry));

    assertThat(decoded.awaitsRegistry()).isTrue();
    assertThat(decoded.rawValue()).containsExactly(0, 0, 0, 0, 7);
  }

  @Test
  void refusesAnUnknownFormatVersionWithAClearMessage() {
    assertThatThrownBy(() -> codec.decode(new byte[] {9, 0, 0}))
        .hasMessageContaining("format version 9");
  }
}
