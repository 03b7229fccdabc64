package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchDecisionTest {

  private static EncodedMatch scored(double score) {
    return EncodedMatch.ofAvro(score, new byte[] {(byte) (score * 100)});
  }

  private static MappedAnswer answer(EncodedMatch... matches) {
    return new MappedAnswer("a@b.example", "business_email", List.of(matches));
  }

  @Test
  void anAnswerWithoutCandidatesIsNoMatch() {
    assertThat(MatchDecision.decide(answer(), 0.5)).isInstanceOf(MatchDecision.NoMatch.class);
  }

  @Test
  void whenEveryCandidatePassesTheAnswersOwnListIsAcceptedAsItIs() {
    MappedAnswer answer = answer(scored(0.9), scored(0.7));

    MatchDecision decision = MatchDecision.decide(answer, 0.7);

    assertThat(decision).isInstanceOf(MatchDecision.Matched.class);
    assertThat(((MatchDecision.Matched) decision).accepted()).isSameAs(answer.matches());
  }

  @Test
  void theThresholdIsInclusiveAndKeepsTheApisOrder() {
    EncodedMatch low = scored(0.4);
    EncodedMatch exact = scored(0.6);
    EncodedMatch high = scored(0.8);

    MatchDecision decision = MatchDecision.decide(answer(exact, low, high), 0.6);

    assertThat(((MatchDecision.Matched) decision).accepted()).containsExactly(exact, high);
  }

  @Test
  void candidatesAllBelowTheThresholdReportTheirCountAndTheBestScore() {
    MatchDecision decision = MatchDecision.decide(answer(scored(0.3), scored(0.55)), 0.6);

    assertThat(decision).isEqualTo(new MatchDecision.BelowThreshold(2, 0.55));
  }

  @Test
  void noThresholdAcceptsEveryCandidate() {
    MatchDecision decision = MatchDecision.decide(answer(scored(0.01), scored(0.02)), null);

    assertThat(((MatchDecision.Matched) decision).accepted()).hasSize(2);
  }
}
