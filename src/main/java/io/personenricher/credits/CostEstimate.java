package io.personenricher.credits;

import io.personenricher.quota.Endpoint;
import java.util.Objects;

/**
 * What a request may cost before it is sent: {@code units} billable things (identifiers, or search
 * results asked for) at {@code perUnit} credits each at most. No match costs nothing (spec §6), so
 * {@link #upperBound()} is what the request costs when every identifier matches once.
 *
 * @param perUnit the price of one matched profile (or one search result) for these request options
 */
public record CostEstimate(Endpoint endpoint, int units, double perUnit) {

  public CostEstimate {
    Objects.requireNonNull(endpoint, "endpoint");
    if (units < 0 || !(perUnit >= 0)) {
      throw new IllegalArgumentException("units and price must not be negative");
    }
  }

  /** The most the request costs: every unit billed at its price. */
  public double upperBound() {
    return Credits.round(units * perUnit);
  }

  /** What {@code matches} matched profiles cost at this price: the cost once the answer is in. */
  public double forMatches(int matches) {
    return Credits.round(matches * perUnit);
  }
}
