package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.testutil.Events;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingEntryCodecTest {

  private final PendingEntryCodec codec = new PendingEntryCodec();

  @Test
  void roundTripsAnEventWithAllItsContext() {
    PendingEntry entry =
        new PendingEntry(
            "person.identifiers",
            3,
            42L,
            "crm-1".getBytes(StandardCharsets.UTF_8),
            Events.event(IdentifierType.BUSINESS_EMAIL, "ann@acme.com", 0.8, List.of("experience")),
            null,
            null,
            1_000L,
            2_000L);

    PendingEntry decoded = codec.decode(codec.encode(entry));

    assertThat(decoded).usingRecursiveComparison().isEqualTo(entry);
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
  void refusesAnUnknownFormatVersionWithAClearMessage() {
    assertThatThrownBy(() -> codec.decode(new byte[] {9, 0, 0}))
        .hasMessageContaining("format version 9");
  }
}
