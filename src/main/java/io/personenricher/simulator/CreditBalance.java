package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /user/credits} ({@code {"credits": n}}) and {@code GET /account/credits} ({@code
 * {"account": {"credits", "recurring_credits", "recurring_credits_frequency",
 * "recurring_credits_refresh_date", "credit_rollover"}}}), spec §6: free. The simulated plan has no
 * recurring credits.
 *
 * <p>Threading notes: reads the {@link CreditAccount}; the simulator calls it under its lock.
 */
final class CreditBalance implements EndpointHandler {

  private final CreditAccount credits;
  private final boolean accountShape;

  /**
   * @param accountShape true: {@code /account/credits}; false: {@code /user/credits}
   */
  CreditBalance(CreditAccount credits, boolean accountShape) {
    this.credits = credits;
    this.accountShape = accountShape;
  }

  @Override
  public ApiAnswer handle(ApiCall call, String key, FaultSettings faults) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (!accountShape) {
      root.set("credits", CreditAccount.number(credits.balance()));
      return ApiAnswer.json(200, root.toString(), 0);
    }
    ObjectNode account = root.putObject("account");
    account.set("credits", CreditAccount.number(credits.balance()));
    account.put("recurring_credits", 0);
    account.putNull("recurring_credits_frequency");
    account.putNull("recurring_credits_refresh_date");
    account.put("credit_rollover", false);
    return ApiAnswer.json(200, root.toString(), 0);
  }
}
