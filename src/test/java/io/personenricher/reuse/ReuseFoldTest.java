package io.personenricher.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReuseFoldTest {

  private static final long TTL = 1_000;

  private static final ReuseRecord.Answer ANSWER_AT_100 =
      new ReuseRecord.Answer(100, new byte[] {1});

  private static Optional<ReuseRecord> fold(ReuseRecord current, ReuseRecord incoming, long at) {
    return ReuseFold.apply(Optional.ofNullable(current), incoming, at, TTL);
  }

  private static ReuseRecord.Claim claim(String owner, long until) {
    return new ReuseRecord.Claim(owner, until);
  }

  @Test
  void aClaimOnAnUnknownKeyIsAccepted() {
    assertThat(fold(null, claim("0_1", 500), 100)).contains(claim("0_1", 500));
  }

  @Test
  void ofTwoTasksClaimingAtOnceTheFirstInTheTopicWinsAndTheSecondIsRefused() {
    Optional<ReuseRecord> afterFirst = fold(null, claim("0_1", 500), 100);
    Optional<ReuseRecord> afterSecond = ReuseFold.apply(afterFirst, claim("0_2", 510), 101, TTL);

    assertThat(afterSecond).contains(claim("0_1", 500));
  }

  @Test
  void anotherTasksClaimIsAcceptedOnceTheHeldClaimEnded() {
    assertThat(fold(claim("0_1", 500), claim("0_2", 900), 500)).contains(claim("0_2", 900));
    assertThat(fold(claim("0_1", 500), claim("0_2", 900), 499)).contains(claim("0_1", 500));
  }

  @Test
  void theOwnerRenewsItsOwnClaim() {
    assertThat(fold(claim("0_1", 500), claim("0_1", 900), 300)).contains(claim("0_1", 900));
  }

  @Test
  void aFreshAnswerKeepsEveryClaimOutAndAStaleOneDoesNot() {
    assertThat(fold(ANSWER_AT_100, claim("0_2", 2_000), 100 + TTL - 1)).contains(ANSWER_AT_100);
    assertThat(fold(ANSWER_AT_100, claim("0_2", 2_000), 100 + TTL)).contains(claim("0_2", 2_000));
  }

  @Test
  void anAnswerReplacesAClaimWhoeverHeldIt() {
    assertThat(fold(claim("0_1", 500), ANSWER_AT_100, 120)).contains(ANSWER_AT_100);
  }

  @Test
  void anOlderAnswerDoesNotReplaceANewerOne() {
    ReuseRecord.Answer newer = new ReuseRecord.Answer(200, new byte[] {2});

    assertThat(fold(newer, ANSWER_AT_100, 250)).contains(newer);
    assertThat(fold(ANSWER_AT_100, newer, 250)).contains(newer);
  }

  @Test
  void aReleaseRemovesOnlyItsOwnersClaim() {
    assertThat(fold(claim("0_1", 500), new ReuseRecord.Release("0_1"), 200)).isEmpty();
    assertThat(fold(claim("0_1", 500), new ReuseRecord.Release("0_2"), 200))
        .contains(claim("0_1", 500));
    assertThat(fold(ANSWER_AT_100, new ReuseRecord.Release("0_1"), 200)).contains(ANSWER_AT_100);
    assertThat(fold(null, new ReuseRecord.Release("0_1"), 200)).isEmpty();
  }

  @Test
  void twoInstancesFoldingTheSameTopicHoldTheSameValue() {
    List<ReuseRecord> topic =
        List.of(
            claim("0_1", 500),
            claim("0_2", 600),
            new ReuseRecord.Release("0_2"),
            claim("0_2", 900),
            ANSWER_AT_100,
            claim("0_3", 2_000));
    Optional<ReuseRecord> one = Optional.empty();
    Optional<ReuseRecord> two = Optional.empty();
    long at = 100;
    for (ReuseRecord record : topic) {
      one = ReuseFold.apply(one, record, at, TTL);
      two = ReuseFold.apply(two, record, at, TTL);
      at += 10;
    }

    assertThat(one).isEqualTo(two).contains(ANSWER_AT_100);
  }

  @Test
  void expiredAnswersAndEndedClaimsMayBeSweptAndLiveOnesNot() {
    assertThat(ReuseFold.expired(ANSWER_AT_100, 100 + TTL, TTL)).isTrue();
    assertThat(ReuseFold.expired(ANSWER_AT_100, 100 + TTL - 1, TTL)).isFalse();
    assertThat(ReuseFold.expired(claim("0_1", 500), 500, TTL)).isTrue();
    assertThat(ReuseFold.expired(claim("0_1", 500), 499, TTL)).isFalse();
  }
}
