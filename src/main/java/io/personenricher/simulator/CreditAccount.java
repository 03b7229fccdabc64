package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * The account's credit balance (spec §6): account-wide, shared by every key. A billable call is
 * refused with 402 when the balance does not cover its worst case (spec §4.4 step 8); what it
 * returns is then charged, never below zero.
 *
 * <p>Threading notes: not thread-safe; the simulator calls it under its lock.
 */
final class CreditAccount {

  private double balance;

  CreditAccount(double balance) {
    this.balance = balance;
  }

  double balance() {
    return balance;
  }

  void setBalance(double credits) {
    balance = credits;
  }

  /** Nothing, or a 402 {@code insufficient_credits} when {@code worstCase} exceeds the balance. */
  void requireCovers(double worstCase) {
    if (worstCase > 0 && balance < worstCase) {
      throw new ApiRejection(
          ApiAnswer.error(
              402,
              "insufficient_credits",
              "Insufficient credits: this request may cost up to "
                  + format(worstCase)
                  + " credits, balance "
                  + format(balance)
                  + "."));
    }
  }

  void charge(double credits) {
    balance = Math.max(0, balance - credits);
  }

  /** A credit amount as a JSON number: integral amounts without a decimal point. */
  static JsonNode number(double credits) {
    return credits == Math.rint(credits) && Math.abs(credits) < 1e15
        ? LongNode.valueOf((long) credits)
        : DoubleNode.valueOf(credits);
  }

  /** A credit amount as the API writes it: integral amounts without a decimal point. */
  static String format(double credits) {
    return credits == Math.rint(credits) && Math.abs(credits) < 1e15
        ? Long.toString((long) credits)
        : Double.toString(credits);
  }
}
