package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonLookupTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(11, 3_000);
  private final PersonLookup lookup = new PersonLookup(PEOPLE, true);

  @Test
  void aKnownProfileUrlInAnySpellingIsOneCertainMatch() {
    String url = "http://linkedin.com/in/" + PEOPLE.person(7).slug() + "/";
    assertThat(lookup.find(IdentifierKind.PROFILE_URL, url, null))
        .containsExactly(new SyntheticPeople.Candidate(7, 1.0));
    assertThat(lookup.find(IdentifierKind.PROFILE_URL, PEOPLE.unknownProfileUrl(3), null))
        .isEmpty();
  }

  @Test
  void aKnownEmailIsCertainAndAResemblingOneGivesAtMostFiveScoredCandidates() {
    assertThat(lookup.find(IdentifierKind.BUSINESS_EMAIL, PEOPLE.emailOf(5), null))
        .containsExactly(new SyntheticPeople.Candidate(5, 1.0));
    List<SyntheticPeople.Candidate> candidates =
        lookup.find(IdentifierKind.BUSINESS_EMAIL, PEOPLE.resemblingEmailOf(6), null);
    assertThat(candidates).isNotEmpty().hasSizeLessThanOrEqualTo(PersonLookup.MAX_CANDIDATES);
    assertThat(candidates).allMatch(c -> c.score() < 1.0);
    assertThat(lookup.find(IdentifierKind.BUSINESS_EMAIL, "not-an-email", null)).isEmpty();
  }

  @Test
  void theMinimumScoreFiltersCandidatesOnlyWhenTheServerAppliesIt() {
    String email = PEOPLE.resemblingEmailOf(6);
    double best = lookup.find(IdentifierKind.BUSINESS_EMAIL, email, null).get(0).score();
    assertThat(lookup.find(IdentifierKind.BUSINESS_EMAIL, email, best + 0.001)).isEmpty();
    assertThat(lookup.find(IdentifierKind.BUSINESS_EMAIL, email, best))
        .allMatch(c -> c.score() >= best);
    PersonLookup clientSide = new PersonLookup(PEOPLE, false);
    assertThat(clientSide.find(IdentifierKind.BUSINESS_EMAIL, email, best + 0.001)).isNotEmpty();
  }
}
