package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.IdentifierKind;
import io.personenricher.quota.InMemoryQuotaLedger;
import io.personenricher.quota.LedgerPermitBroker;
import io.personenricher.quota.Permit;
import io.personenricher.quota.QuotaMetrics;
import io.personenricher.quota.QuotaSettings;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor and a real (local) quota under the TopologyTestDriver's clock: which batch gets
 * each permit, and when.
 */
class QuotaSchedulingTest {

  private static final Duration WINDOW = Duration.ofSeconds(6);
  private static final Duration LINGER = Duration.ofMillis(300);

  private final FakeEnrichClient client = new FakeEnrichClient();
  private EnrichmentDriver driver;

  private static BatchSettings settings(Duration maxWait) {
    BatchSettings base = BatchSettings.defaults();
    return new BatchSettings(
        25,
        LINGER,
        4,
        10_000,
        Duration.ofMillis(100),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        Duration.ofMinutes(10),
        Duration.ofMillis(50),
        false,
        null,
        Duration.ofHours(1),
        maxWait,
        base.endpoints());
  }

  private void start(int permitsPerWindow, Duration maxWait) {
    LedgerPermitBroker broker =
        new LedgerPermitBroker(
            QuotaSettings.defaults("ttd").withWindow(WINDOW, Optional.of(permitsPerWindow)),
            new InMemoryQuotaLedger(),
            QuotaMetrics.NOOP,
            () -> 0.0);
    driver = new EnrichmentDriver(client, settings(maxWait), broker);
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private void advance(Duration total) {
    for (long ms = 0; ms < total.toMillis(); ms += 50) {
      driver.advance(Duration.ofMillis(50));
    }
  }

  @Test
  void aFullBatchGetsThePermitBeforeAnOlderPartialOne() {
    start(1, Duration.ofMinutes(1));
    // The first permit of a fresh grid is free at once: let an unrelated batch take it.
    driver.send("warm", Events.email("warm@acme.com"));
    advance(LINGER.plusMillis(100));
    assertThat(client.requests()).hasSize(1);

    driver.sendAll("e", Events.emails(10));
    advance(LINGER.plusMillis(100));
    for (int i = 0; i < 25; i++) {
      driver.send("u" + i, Events.profileUrl("https://www.linkedin.com/in/p" + i));
    }
    advance(WINDOW.plusSeconds(1));

    assertThat(client.requests()).hasSize(2);
    EnrichRequest second = client.requests().get(1);
    assertThat(second.kind()).isEqualTo(IdentifierKind.PROFILE_URL);
    assertThat(second.size()).isEqualTo(25);
  }

  @Test
  void aPartialBatchTakesAPermitNobodyElseWantsAndNoPermitBeforeItsLinger() {
    start(15, Duration.ofMinutes(1));
    driver.sendAll("e", Events.emails(7));

    driver.advance(Duration.ofMillis(100));
    assertThat(client.requests()).as("before its linger").isEmpty();
    advance(Duration.ofSeconds(1));

    assertThat(client.requests()).singleElement().satisfies(r -> assertThat(r.size()).isEqualTo(7));
    assertThat(client.permits().get(0).kind()).isEqualTo(Permit.Kind.SURPLUS);
  }

  @Test
  void underABacklogOfFullBatchesAPartialWaitsForItsMaxWaitThenGoesNext() {
    Duration maxWait = Duration.ofSeconds(10);
    start(3, maxWait);
    driver.sendAll("e", Events.emails(5));
    for (int i = 0; i < 25 * 12; i++) {
      driver.send("u" + i, Events.profileUrl("https://www.linkedin.com/in/u" + i));
    }

    advance(maxWait.minusSeconds(1));
    assertThat(client.requests())
        .as("only full batches while the partial one is younger than its max wait")
        .allSatisfy(r -> assertThat(r.kind()).isEqualTo(IdentifierKind.PROFILE_URL));
    advance(WINDOW);

    assertThat(client.requests())
        .anySatisfy(r -> assertThat(r.kind()).isEqualTo(IdentifierKind.BUSINESS_EMAIL));
  }

  @Test
  void permitsAreSpreadThroughTheWindowNotBurstAtItsStart() {
    start(6, Duration.ofMinutes(1));
    for (int i = 0; i < 25 * 12; i++) {
      driver.send("u" + i, Events.profileUrl("https://www.linkedin.com/in/u" + i));
    }

    advance(WINDOW.multipliedBy(2));

    List<Permit> permits = client.permits();
    assertThat(permits).hasSizeBetween(11, 13);
    long slot = (WINDOW.toMillis() + 120) / 6;
    for (int i = 1; i < permits.size(); i++) {
      assertThat(permits.get(i).sendAtMs() - permits.get(i - 1).sendAtMs())
          .isBetween(slot - 1, slot + 1);
    }
  }
}
