package io.personenricher.credits;

/**
 * Arithmetic on credit amounts. Prices go down to hundredths (0.03 per search result), so sums are
 * rounded to a millionth: 3 × 0.03 is 0.09, not 0.09000000000000001, and a budget compares equal to
 * what was spent when the two are the same amount.
 */
public final class Credits {

  /** Amounts closer than this are the same amount. */
  public static final double EPSILON = 1e-6;

  private Credits() {}

  public static double round(double credits) {
    return Math.round(credits * 1_000_000d) / 1_000_000d;
  }

  /** {@code amount ≤ limit}, allowing for rounding. */
  public static boolean fits(double amount, double limit) {
    return amount <= limit + EPSILON;
  }

  /** As the API writes it: integral amounts without a decimal point. */
  public static String format(double credits) {
    double rounded = round(credits);
    return rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15
        ? Long.toString((long) rounded)
        : Double.toString(rounded);
  }
}
