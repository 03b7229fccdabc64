package io.personenricher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditsSectionTest {

  private static EnricherConfig load(Map<String, String> overrides) {
    return new ConfigLoader(Map.of()).load(null, overrides);
  }

  @Test
  void byDefaultThereIsNoBudgetAndThePeriodIsACalendarMonth() {
    BudgetSettings settings = load(Map.of()).budgetSettings();

    assertThat(settings.budget()).isEmpty();
    assertThat(settings.period()).isEqualTo(BudgetPeriod.MONTH);
  }

  @Test
  void aBudgetAndAPeriodAreTyped() {
    BudgetSettings settings =
        load(Map.of(
                CreditsSection.CREDITS_BUDGET, "5000",
                CreditsSection.CREDITS_BUDGET_PERIOD, "PT6H",
                ApiSection.API_REQUEST_TIMEOUT_MS, "20000"))
            .budgetSettings();

    assertThat(settings.budget()).contains(5000.0);
    assertThat(settings.period().length()).isEqualTo(Duration.ofHours(6));
    assertThat(settings.reservationTtl())
        .as("longer than any request can take")
        .isEqualTo(Duration.ofSeconds(80));
  }

  @ParameterizedTest
  @CsvSource({"0", "-5", "Infinity"})
  void aBudgetThatIsNotPositiveFailsAtStartUpNamingTheFix(String budget) {
    assertThatThrownBy(() -> load(Map.of(CreditsSection.CREDITS_BUDGET, budget)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("enricher.credits.budget=")
        .hasMessageContaining("must be a positive number of credits per period")
        .hasMessageContaining("or unset for no budget");
  }

  @Test
  void aBudgetThatIsNotANumberFailsAtStartUp() {
    assertThatThrownBy(() -> load(Map.of(CreditsSection.CREDITS_BUDGET, "lots")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("enricher.credits.budget");
  }

  @ParameterizedTest
  @CsvSource({"week", "P1M", "PT0S"})
  void aPeriodThatDoesNotParseFailsAtStartUpNamingWhatIsAccepted(String period) {
    assertThatThrownBy(() -> load(Map.of(CreditsSection.CREDITS_BUDGET_PERIOD, period)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("enricher.credits.budget.period=" + period)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("must be day, month", "must last at least one second"));
  }

  @Test
  void aBudgetBelowTheCheapestFullBatchFailsNamingBothWaysOut() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        CreditsSection.CREDITS_BUDGET, "20",
                        BatchingSection.BATCH_MAX_SIZE, "25")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("enricher.credits.budget=20")
        .hasMessageContaining("below the cheapest full batch")
        .hasMessageContaining("raise the budget or lower enricher.batch.max.size");

    assertThat(
            load(Map.of(CreditsSection.CREDITS_BUDGET, "20", BatchingSection.BATCH_MAX_SIZE, "20"))
                .budgetSettings()
                .budget())
        .contains(20.0);
  }
}
