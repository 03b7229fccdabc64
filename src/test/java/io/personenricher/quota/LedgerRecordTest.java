package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerRecordTest {

  @Test
  void everyRecordTypeRoundTripsThroughItsJson() {
    for (LedgerRecord record :
        List.of(
            new LedgerRecord.Claim("a", Endpoint.SEARCH, 1_000, 42, 3),
            new LedgerRecord.Release("b", Endpoint.ENRICH, 1_000, 7),
            new LedgerRecord.Pause("c", Endpoint.LIVE_ENRICH, 99_000),
            new LedgerRecord.Grid(
                "d", Endpoint.ENRICH, new SlotGrid(Endpoint.ENRICH, 15, 60_000, 1_000, 5)))) {
      assertThat(LedgerRecord.decode(LedgerRecord.encode(record))).isEqualTo(record);
    }
  }

  @Test
  void whatThisReleaseCannotReadIsSkippedNotFatal() {
    assertThat(LedgerRecord.decode("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(
            LedgerRecord.decode(
                "{\"type\":\"lease\",\"instance\":\"a\",\"endpoint\":\"ENRICH\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isNull();
    assertThat(
            LedgerRecord.decode(
                "{\"type\":\"claim\",\"instance\":\"a\",\"endpoint\":\"NEW_ONE\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isNull();
  }
}
