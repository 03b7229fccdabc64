package io.personenricher.config;

import io.personenricher.credits.BudgetPeriod;
import io.personenricher.credits.BudgetSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Cost control: the credit budget per period for the whole application; builds {@link
 * BudgetSettings}. How instances share it follows {@code enricher.quota.coordination}.
 */
public final class CreditsSection extends ConfigSection {

  public static final String CREDITS_BUDGET = "enricher.credits.budget";
  public static final String CREDITS_BUDGET_PERIOD = "enricher.credits.budget.period";

  /** A reservation counts this long beyond the request timeout, for the wait before it went. */
  private static final Duration RESERVATION_MARGIN = Duration.ofSeconds(60);

  /** The longest a request waits for the credit ledger's verdict before it is tried again. */
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  @Override
  String group() {
    return "Cost control";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        CREDITS_BUDGET,
        Type.DOUBLE,
        null,
        positiveOrUnset(),
        Importance.HIGH,
        "Credits the whole application (every instance with this application.id, across restarts) may"
            + " spend per enricher.credits.budget.period, counted from the API's x-credits-used. A"
            + " request that would cross it is not sent: the application halts like on a 402 (reason"
            + " BUDGET_EXHAUSTED, readiness 503, nothing dead-lettered) and resumes by itself at the"
            + " next period or once the budget is raised (`enricher credits budget --raise-to N`)."
            + " Warns at 80%. Shared through the topic <application.id>-credits (created at start-up)"
            + " unless enricher.quota.coordination=local. Unset: no budget.",
        Width.SHORT,
        "Credit budget");
    keys.define(
        CREDITS_BUDGET_PERIOD,
        Type.STRING,
        "month",
        period(),
        Importance.MEDIUM,
        "The budget's period: day or month (calendar, UTC), or an ISO-8601 duration such as PT6H or"
            + " P7D (periods counted from the epoch). A new period starts with nothing spent.",
        Width.SHORT,
        "Budget period");
  }

  @Override
  Map<String, String> displayDefaults() {
    return Map.of(CREDITS_BUDGET, "none (no budget)");
  }

  @Override
  void crossCheck(CrossCheck check) {
    Object budget = check.value(CREDITS_BUDGET);
    long batch = check.number(BatchingSection.BATCH_MAX_SIZE);
    if (budget != null && ((Number) budget).doubleValue() < batch) {
      check.invalid(
          CREDITS_BUDGET,
          budget,
          "is below the cheapest full batch ("
              + BatchingSection.BATCH_MAX_SIZE
              + " = "
              + batch
              + " identifiers at 1 credit each), which could then never be sent: raise the budget"
              + " or lower "
              + BatchingSection.BATCH_MAX_SIZE);
    }
  }

  static BudgetSettings budgetSettings(EnricherConfig config) {
    Double budget = config.getDouble(CREDITS_BUDGET);
    return new BudgetSettings(
        Optional.ofNullable(budget),
        BudgetPeriod.parse(config.getString(CREDITS_BUDGET_PERIOD)),
        millis(config, ApiSection.API_REQUEST_TIMEOUT_MS).plus(RESERVATION_MARGIN),
        ASK_TIMEOUT);
  }

  private static ConfigDef.Validator positiveOrUnset() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return;
        }
        double credits = ((Number) value).doubleValue();
        if (!(credits > 0) || Double.isInfinite(credits)) {
          throw new ConfigException(
              "must be a positive number of credits per period (e.g. 5000), or unset for no budget");
        }
      }

      @Override
      public String toString() {
        return "> 0, or unset";
      }
    };
  }

  private static ConfigDef.Validator period() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          BudgetPeriod.parse(value == null ? null : value.toString());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(e.getMessage());
        }
      }

      @Override
      public String toString() {
        return "day | month | ISO-8601 duration ≥ PT1S";
      }
    };
  }
}
