package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.IdentifierKind;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import io.personenricher.quota.Demand;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

  private static final GroupKey EMAILS =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
  private static final GroupKey URLS = new GroupKey(IdentifierKind.PROFILE_URL, List.of(), null);
  private static final GroupKey EMAILS_WITH_FIELDS =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience"), null);
  private static final long LINGER = 300;
  private static final long MAX_WAIT = 10_000;

  /** The task was never left alone: the linger counts from each group's oldest event. */
  private static final LongUnaryOperator NO_STALL = LongUnaryOperator.identity();

  /** The task took in a record at {@code resumedMs} after a stall. */
  private static LongUnaryOperator resumedAt(long resumedMs) {
    return oldestMs -> oldestMs < resumedMs ? resumedMs : oldestMs;
  }

  private final DispatchPolicy policy = new DispatchPolicy(25, LINGER, MAX_WAIT);

  private static GroupView view(GroupKey group, long unreserved, long oldestMs) {
    return new GroupView(group, unreserved, 0, Long.MIN_VALUE, oldestMs, oldestMs, false);
  }

  private static GroupView growing(GroupKey group, long unreserved, long oldestMs, long newestMs) {
    return new GroupView(group, unreserved, 0, Long.MIN_VALUE, oldestMs, newestMs, false);
  }

  @Test
  void aPartialBatchIsNoDemandBeforeItsLingerThenSurplusThenDue() {
    List<GroupView> partial = List.of(view(EMAILS, 3, 1_000));

    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 1_299, NO_STALL, false))
        .isEqualTo(Demand.NONE);
    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 1_300, NO_STALL, false))
        .isEqualTo(new Demand(0, 0, 1, 1_000));
    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 11_000, NO_STALL, false))
        .isEqualTo(new Demand(0, 1, 0, 1_000));
    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 1_001, NO_STALL, true))
        .as("draining")
        .isEqualTo(new Demand(0, 1, 0, 1_000));
  }

  @Test
  void afterAStallTheLingerCountsFromTheFirstRecordTakenInButTheMaxWaitDoesNot() {
    // One event at 1 000, then the thread was away until 1 370: the backlog behind it is coming.
    List<GroupView> partial = List.of(growing(EMAILS, 2, 1_000, 1_370));

    assertThat(policy.standing(partial.get(0), 1_371, NO_STALL, false))
        .as("without the stall it would take a spare permit")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
    assertThat(policy.standing(partial.get(0), 1_371, resumedAt(1_370), false))
        .isEqualTo(DispatchPolicy.Standing.YOUNG);
    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 1_669, resumedAt(1_370), false))
        .isEqualTo(Demand.NONE);
    assertThat(policy.demand(partial, 0, Long.MAX_VALUE, 1_670, resumedAt(1_370), false))
        .isEqualTo(new Demand(0, 0, 1, 1_000));
    assertThat(policy.pick(partial, 1_371, resumedAt(1_370), false))
        .as("a permit in hand still serves it rather than go unused")
        .contains(partial.get(0));
    assertThat(
            policy.standing(
                partial.get(0), 1_000 + MAX_WAIT, resumedAt(1_000 + MAX_WAIT - 1), false))
        .isEqualTo(DispatchPolicy.Standing.DUE);
    assertThat(policy.standing(growing(EMAILS, 2, 1_400, 1_400), 1_700, resumedAt(1_370), false))
        .as("a group younger than the stall lingers from its own oldest event")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
  }

  @Test
  void aLingeredPartialFillingFastWaitsToBeFullInsteadOfTakingASparePermit() {
    // 20 events in 300 ms, the last one just now: the other 5 come in about 75 ms.
    GroupView filling = growing(EMAILS, 20, 1_000, 1_299);

    assertThat(policy.standing(filling, 1_300, NO_STALL, false))
        .isEqualTo(DispatchPolicy.Standing.FILLING);
    assertThat(policy.demand(List.of(filling), 0, Long.MAX_VALUE, 1_300, NO_STALL, false))
        .isEqualTo(Demand.NONE);
    assertThat(policy.standing(filling, 1_000 + MAX_WAIT, NO_STALL, false))
        .as("its max wait still holds")
        .isEqualTo(DispatchPolicy.Standing.DUE);
    assertThat(policy.standing(filling, 1_300, NO_STALL, true))
        .as("draining")
        .isEqualTo(DispatchPolicy.Standing.DUE);
  }

  @Test
  void entriesWhoseClaimIsOnItsWayCountAsTakenInSoABurstIsNotSentHalfFilled() {
    // A burst's first claims are still on their way to the book: 1 entry ready, 24 claimed.
    GroupView claimingTheRest = new GroupView(EMAILS, 1, 24, Long.MIN_VALUE, 1_000, 1_000, false);

    assertThat(policy.standing(claimingTheRest, 1_400, NO_STALL, false))
        .as("the claims complete a batch, though nothing came in for a linger")
        .isEqualTo(DispatchPolicy.Standing.FILLING);
    assertThat(policy.demand(List.of(claimingTheRest), 0, Long.MAX_VALUE, 1_400, NO_STALL, false))
        .isEqualTo(Demand.NONE);
    assertThat(
            policy.standing(
                new GroupView(EMAILS, 1, 12, Long.MIN_VALUE, 1_000, 1_290, false),
                1_300,
                NO_STALL,
                false))
        .as("13 taken in within 300 ms, still growing: the other 12 come in 277 ms")
        .isEqualTo(DispatchPolicy.Standing.FILLING);
    assertThat(
            policy.standing(
                new GroupView(EMAILS, 1, 4, Long.MIN_VALUE, 1_000, 1_000, false),
                1_400,
                NO_STALL,
                false))
        .as("5 taken in, growth stopped: a spare permit may take it")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
    assertThat(policy.standing(claimingTheRest, 1_000 + MAX_WAIT, NO_STALL, false))
        .as("its max wait still holds")
        .isEqualTo(DispatchPolicy.Standing.DUE);
  }

  @Test
  void aPartialThatStoppedGrowingOrGrowsSlowlyTakesASparePermitOnceItLingered() {
    assertThat(policy.standing(growing(EMAILS, 20, 1_000, 1_299), 1_599, NO_STALL, false))
        .as("last event a linger ago")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
    assertThat(policy.standing(growing(EMAILS, 2, 1_000, 1_250), 1_300, NO_STALL, false))
        .as("2 events in 300 ms: the other 23 take seconds")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
    assertThat(policy.standing(growing(EMAILS, 5, 1_000, 1_290), 1_300, NO_STALL, false))
        .as("5 in 300 ms: 20 more need 1.2 s")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
    assertThat(policy.standing(growing(EMAILS, 13, 1_000, 1_290), 1_300, NO_STALL, false))
        .as("13 in 300 ms: 12 more need 277 ms")
        .isEqualTo(DispatchPolicy.Standing.FILLING);
    assertThat(
            policy.standing(
                new GroupView(EMAILS, 20, 0, Long.MIN_VALUE, 1_000, Long.MIN_VALUE, false),
                1_300,
                NO_STALL,
                false))
        .as("newest unknown (restored)")
        .isEqualTo(DispatchPolicy.Standing.LINGERING);
  }

  @Test
  void aFillingPartialIsStillBetterThanAPermitLeftUnused() {
    assertThat(policy.pick(List.of(growing(EMAILS, 20, 1_000, 1_299)), 1_300, NO_STALL, false))
        .map(GroupView::group)
        .contains(EMAILS);
  }

  @Test
  void fullBatchesAndDueRetriesCountAsFullDemand() {
    List<GroupView> groups = List.of(view(EMAILS, 60, 500), view(URLS, 25, 800));

    Demand demand = policy.demand(groups, 2, 100, 1_000, NO_STALL, false);

    assertThat(demand.fullBatches()).isEqualTo(2 + 1 + 2);
    assertThat(demand.oldestMs()).isEqualTo(100);
  }

  @Test
  void groupsWaitingOnlyForAnswersAreNoDemandAndNeverPicked() {
    List<GroupView> twinsOnly = List.of(new GroupView(EMAILS, 2, 0, Long.MIN_VALUE, 0, 0, true));

    assertThat(policy.demand(twinsOnly, 0, Long.MAX_VALUE, 60_000, NO_STALL, true))
        .isEqualTo(Demand.NONE);
    assertThat(policy.pick(twinsOnly, 60_000, NO_STALL, true)).isEmpty();
  }

  @Test
  void aPermitGoesToAFullGroupBeforeAnOlderPartialOne() {
    var picked =
        policy.pick(List.of(view(EMAILS, 3, 0), view(URLS, 25, 50)), 1_000, NO_STALL, false);

    assertThat(picked).map(GroupView::group).contains(URLS);
  }

  @Test
  void amongGroupsOfTheSameStandingTheOldestWorkGoesFirst() {
    var picked =
        policy.pick(
            List.of(view(EMAILS, 60, 200), view(URLS, 30, 100), view(EMAILS_WITH_FIELDS, 25, 150)),
            1_000,
            NO_STALL,
            false);

    assertThat(picked).map(GroupView::group).contains(URLS);
  }

  @Test
  void aDuePartialGoesBeforeALingeringOneAndAYoungOneStillBeatsAnUnusedPermit() {
    long now = 20_000;
    var due = view(EMAILS, 3, now - MAX_WAIT);
    var lingering = view(URLS, 3, now - LINGER);
    var young = view(EMAILS_WITH_FIELDS, 3, now - 1);
    var youngerFull = view(URLS, 30, now - 100);

    assertThat(policy.pick(List.of(lingering, due, young), now, NO_STALL, false)).contains(due);
    assertThat(policy.pick(List.of(youngerFull, due), now, NO_STALL, false))
        .as("past its max wait a partial is as urgent as a full batch, and older")
        .contains(due);
    assertThat(policy.pick(List.of(lingering, young), now, NO_STALL, false)).contains(lingering);
    assertThat(policy.pick(List.of(young), now, NO_STALL, false)).contains(young);
  }

  @Test
  void flushReasonsSaySizeSurplusMaxWaitOrShutdown() {
    assertThat(policy.reason(25, 0, 100, false)).isEqualTo(FlushReason.SIZE);
    assertThat(policy.reason(3, 0, 400, false)).isEqualTo(FlushReason.SURPLUS);
    assertThat(policy.reason(3, 0, MAX_WAIT, false)).isEqualTo(FlushReason.MAX_WAIT);
    assertThat(policy.reason(3, 0, 400, true)).isEqualTo(FlushReason.SHUTDOWN);
  }
}
