package io.personenricher.simulator;

import java.util.List;
import java.util.Optional;

/**
 * Step 9 of spec §4.4: who an identifier names. A profile URL names at most one person, at
 * confidence 1.0; a known business email is an exact match at 1.0, any other mailbox at a known
 * company gets up to {@link #MAX_CANDIDATES} candidates scored below 1, filtered by {@code
 * min_similarity_score} when the server applies it. The indexed lookup (enrich, contact enrich)
 * knows only the indexed people; a live lookup also finds the not-indexed ones.
 *
 * <p>Threading notes: immutable.
 */
final class PersonLookup {

  /** Email candidates returned per reverse lookup at most. */
  static final int MAX_CANDIDATES = 5;

  private final SyntheticPeople people;
  private final boolean serverSideMinSimilarity;
  private final boolean live;

  /** The indexed lookup. */
  PersonLookup(SyntheticPeople people, boolean serverSideMinSimilarity) {
    this(people, serverSideMinSimilarity, false);
  }

  /**
   * @param live true: profile URLs of not-indexed people are found too (a fresh fetch)
   */
  PersonLookup(SyntheticPeople people, boolean serverSideMinSimilarity, boolean live) {
    this.people = people;
    this.serverSideMinSimilarity = serverSideMinSimilarity;
    this.live = live;
  }

  /** The candidates for one identifier, best first; empty when it names nobody. */
  List<SyntheticPeople.Candidate> find(IdentifierKind kind, String id, Double minScore) {
    if (kind == IdentifierKind.PROFILE_URL) {
      return certain(live ? people.findLiveByProfileUrl(id) : people.findByProfileUrl(id));
    }
    if (!IdentifierKind.isEmail(id)) {
      return List.of();
    }
    Optional<SyntheticPeople.Person> exact = people.findByEmail(id);
    if (exact.isPresent()) {
      return certain(exact);
    }
    List<SyntheticPeople.Candidate> candidates = people.candidatesForEmail(id, MAX_CANDIDATES);
    if (minScore != null && serverSideMinSimilarity) {
      candidates = candidates.stream().filter(c -> c.score() >= minScore).toList();
    }
    return candidates;
  }

  private static List<SyntheticPeople.Candidate> certain(Optional<SyntheticPeople.Person> p) {
    return p.map(person -> List.of(new SyntheticPeople.Candidate(person.index(), 1.0)))
        .orElse(List.of());
  }
}
