package io.personenricher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.batching.BatchSettings;
import io.personenricher.batching.ProcessorActivity;
import io.personenricher.client.EnrichRequest;
import io.personenricher.client.HaltReason;
import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetSettings;
import io.personenricher.credits.BudgetedEnrichClient;
import io.personenricher.credits.CreditMetrics;
import io.personenricher.credits.LedgerCreditBudget;
import io.personenricher.ledger.InMemoryLog;
import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.testutil.EnrichmentDriver;
import io.personenricher.testutil.Events;
import io.personenricher.testutil.FakeEnrichClient;
import io.personenricher.testutil.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor under a credit budget of 30 credits per one-minute period (the period scaled down
 * from a day or a month): every identifier matches one person at 1 credit, batches carry 10.
 */
class CreditBudgetTopologyTest {

  private static final double BUDGET = 30;
  private static final int BATCH = 10;

  private final MutableClock clock = new MutableClock(EnrichmentDriver.START);
  private final FakeEnrichClient api = new FakeEnrichClient();
  private final LedgerCreditBudget budget =
      new LedgerCreditBudget(
          BudgetSettings.of(BUDGET, BudgetPeriod.parse("PT1M")),
          new InMemoryLog<>(clock),
          "instance-1",
          CreditMetrics.NOOP,
          clock);
  private final BudgetedEnrichClient client =
      new BudgetedEnrichClient(api, budget, CreditMetrics.NOOP, clock);
  private final ProcessorActivity activity = new ProcessorActivity();
  private final EnrichmentDriver driver =
      new EnrichmentDriver(client, settings(), EnricherMetrics.NOOP, activity);

  private static BatchSettings settings() {
    return new BatchSettings(
        BATCH,
        Duration.ofSeconds(5),
        4,
        1_000,
        Duration.ofMillis(100),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        Duration.ofMinutes(10),
        Duration.ofMillis(50),
        true,
        null,
        Duration.ZERO);
  }

  @AfterEach
  void close() {
    driver.close();
  }

  /** Moves the processor's wall clock and the budget's together. */
  private void tick(Duration total) {
    for (long ms = 0; ms < total.toMillis(); ms += 100) {
      clock.advance(Duration.ofMillis(100));
      driver.advance(Duration.ofMillis(100));
    }
  }

  private int identifiersSent() {
    return api.requests().stream().mapToInt(EnrichRequest::size).sum();
  }

  @Test
  void theBudgetHaltsTheProcessorWithinOneRequestKeepsEveryEventAndResumesNextPeriod() {
    driver.sendAll("k", Events.emails(100));
    tick(Duration.ofSeconds(10));

    assertThat(identifiersSent())
        .as("credits spent: at most the budget, less than one request short of it")
        .isLessThanOrEqualTo((int) BUDGET)
        .isGreaterThan((int) BUDGET - BATCH);
    assertThat(budget.status().spent()).isEqualTo(identifiersSent());
    assertThat(client.haltReason()).contains(HaltReason.BUDGET_EXHAUSTED);
    assertThat(driver.enriched()).hasSize(identifiersSent());
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.unmatched()).isEmpty();
    assertThat(activity.pendingEntries()).isEqualTo(100 - identifiersSent());

    int sentInFirstPeriod = identifiersSent();
    tick(Duration.ofSeconds(40)); // still the first period
    assertThat(identifiersSent()).isEqualTo(sentInFirstPeriod);

    tick(Duration.ofSeconds(15)); // the next period began at 60 s
    assertThat(identifiersSent() - sentInFirstPeriod)
        .isLessThanOrEqualTo((int) BUDGET)
        .isGreaterThan((int) BUDGET - BATCH);
    assertThat(driver.deadLetters()).isEmpty();

    budget.raiseTo(1_000);
    tick(Duration.ofSeconds(5));
    driver.enriched();
    assertThat(driver.unmatched()).isEmpty();
    assertThat(driver.deadLetters()).isEmpty();

    Set<String> keys = new HashSet<>();
    driver.outputs().forEach(output -> assertThat(keys.add(output.key())).isTrue());
    assertThat(keys).hasSize(100);
    assertThat(client.haltReason()).isEmpty();
  }
}
