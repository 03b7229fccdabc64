package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxSimilarityTest {

  @Test
  void theUsualMailboxPatternsOfANameScoreOne() {
    for (String local : new String[] {"janedoe", "jdoe", "jane", "doejane", "janed"}) {
      assertThat(MailboxSimilarity.toName(local, "Jane", "Doe")).as(local).isEqualTo(1.0);
    }
  }

  @Test
  void aTypoScoresLessAndAnotherNameLessStill() {
    double typo = MailboxSimilarity.toName("janedoo", "Jane", "Doe");
    double other = MailboxSimilarity.toName("bobsmith", "Jane", "Doe");
    assertThat(typo).isLessThan(1.0).isGreaterThan(other);
  }

  @Test
  void onlyLowerCaseAsciiLettersAreKept() {
    assertThat(MailboxSimilarity.lettersOnly("j.doe2+x")).isEqualTo("jdoex");
  }
}
