package io.personenricher.app.status;

import io.personenricher.credits.BudgetStatus;
import io.personenricher.credits.Credits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status page's "credits" card: the period, the budget in force, what the application spent and
 * holds reserved in it, what is left, and whether the budget warns or halts. A pure function of the
 * {@link BudgetStatus}.
 *
 * <p>Threading notes: stateless.
 */
public final class CreditsCard {

  private CreditsCard() {}

  public static Map<String, Object> of(BudgetStatus status) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("period", status.period().id());
    card.put("periodEnds", status.period().end().toString());
    if (status.effective().isEmpty()) {
      card.put("budget", "none");
      card.put("spentByThisInstance", Credits.round(status.spent()));
      card.put("state", "no budget: spending is not limited");
      return card;
    }
    card.put("budget", status.effective().get());
    status.override().ifPresent(raised -> card.put("raisedAtRunTimeTo", raised));
    card.put("spent", Credits.round(status.spent()));
    card.put("reserved", Credits.round(status.reserved()));
    card.put("left", status.left().orElse(0.0));
    card.put("usedPercent", Math.round(status.usedRatio() * 1000) / 10.0);
    card.put("scope", status.shared() ? "all instances" : "this instance");
    card.put("state", state(status));
    return card;
  }

  private static String state(BudgetStatus status) {
    if (status.exhaustedUntil().isPresent()) {
      return "exhausted: halted until " + status.exhaustedUntil().get() + " or a raise";
    }
    if (status.usedRatio() >= BudgetStatus.WARNING_RATIO) {
      return "warning: " + Math.round(BudgetStatus.WARNING_RATIO * 100) + "% or more spent";
    }
    return "spending";
  }
}
