package io.personenricher.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreditsCardTest {

  private static final BudgetPeriod.Span DAY =
      BudgetPeriod.DAY.at(Instant.parse("2026-12-02T01:00:00Z"));

  private static Map<String, Object> card(
      Optional<Double> budget,
      Optional<Double> override,
      double spent,
      Optional<Instant> exhaustedUntil) {
    return CreditsCard.of(new BudgetStatus(DAY, budget, override, spent, 5, exhaustedUntil, true));
  }

  @Test
  void aBudgetBeingSpentShowsThePeriodWhatIsLeftAndTheShareUsed() {
    Map<String, Object> card = card(Optional.of(100.0), Optional.empty(), 40, Optional.empty());

    assertThat(card)
        .containsEntry("period", "2026-12-02")
        .containsEntry("periodEnds", "2026-12-03T00:00:00Z")
        .containsEntry("budget", 100.0)
        .containsEntry("spent", 40.0)
        .containsEntry("reserved", 5.0)
        .containsEntry("left", 55.0)
        .containsEntry("usedPercent", 40.0)
        .containsEntry("scope", "all instances")
        .containsEntry("state", "spending")
        .doesNotContainKey("raisedAtRunTimeTo");
  }

  @Test
  void eightyPercentSpentWarnsAndARaiseShowsTheBudgetInForce() {
    Map<String, Object> card = card(Optional.of(100.0), Optional.of(150.0), 125, Optional.empty());

    assertThat(card)
        .containsEntry("budget", 150.0)
        .containsEntry("raisedAtRunTimeTo", 150.0)
        .containsEntry("state", "warning: 80% or more spent");
  }

  @Test
  void anExhaustedBudgetSaysUntilWhenItHalts() {
    Instant next = DAY.end();

    assertThat(card(Optional.of(100.0), Optional.empty(), 98, Optional.of(next)))
        .containsEntry("state", "exhausted: halted until 2026-12-03T00:00:00Z or a raise");
  }

  @Test
  void withoutABudgetItShowsWhatThisInstanceSpent() {
    assertThat(card(Optional.empty(), Optional.empty(), 12, Optional.empty()))
        .containsEntry("budget", "none")
        .containsEntry("spentByThisInstance", 12.0)
        .containsEntry("state", "no budget: spending is not limited")
        .doesNotContainKey("left");
  }
}
