package io.personenricher.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one answered identifier goes: the enriched topic when at least one match reaches the
 * threshold, otherwise the unmatched topic with the reason.
 */
public sealed interface MatchDecision {

  /** At least one match at or above the threshold; {@code accepted} keeps the API's order. */
  record Matched(List<EncodedMatch> accepted) implements MatchDecision {}

  /** The API returned no candidate at all. */
  record NoMatch() implements MatchDecision {}

  /** Candidates came back, all below the threshold. */
  record BelowThreshold(int candidates, double bestScore) implements MatchDecision {}

  /**
   * Applies the threshold (inclusive) to one response entry. A null threshold accepts every
   * candidate. The API may already have filtered by the threshold it was sent; applying it again
   * costs nothing and also covers profile-URL requests, which are sent without one.
   */
  static MatchDecision decide(MappedAnswer answer, Double threshold) {
    List<EncodedMatch> matches = answer.matches();
    if (matches.isEmpty()) {
      return new NoMatch();
    }
    // Runs on every output, cache hits included: a plain loop, and the answer's own (immutable)
    // list when every candidate passes, which is the common case.
    int passing = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (EncodedMatch match : matches) {
      if (threshold == null || match.confidenceScore() >= threshold) {
        passing++;
      }
      best = Math.max(best, match.confidenceScore());
    }
    if (passing == 0) {
      return new BelowThreshold(matches.size(), best);
    }
    if (passing == matches.size()) {
      return new Matched(matches);
    }
    List<EncodedMatch> accepted = new ArrayList<>(passing);
    for (EncodedMatch match : matches) {
      if (match.confidenceScore() >= threshold) {
        accepted.add(match);
      }
    }
    return new Matched(List.copyOf(accepted));
  }
}
