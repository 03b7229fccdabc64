package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.IdentifierKind;
import io.personenricher.metrics.EnricherMetrics.FlushReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

  private static final GroupKey EMAILS =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);
  private static final GroupKey URLS = new GroupKey(IdentifierKind.PROFILE_URL, List.of(), null);
  private static final GroupKey EMAILS_WITH_FIELDS =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of("experience"), null);

  private final DispatchPolicy policy = new DispatchPolicy(25, 300);

  @Test
  void aGroupThatCanFillABatchGoesBeforeAnOlderPartialOne() {
    var next =
        policy.next(
            List.of(
                new GroupView(EMAILS, 3, Long.MIN_VALUE, 0, false),
                new GroupView(URLS, 25, Long.MIN_VALUE, 50, false)),
            1_000,
            false);

    assertThat(next).map(GroupView::group).contains(URLS);
  }

  @Test
  void amongFullGroupsTheOldestWorkGoesFirst() {
    var next =
        policy.next(
            List.of(
                new GroupView(EMAILS, 60, Long.MIN_VALUE, 200, false),
                new GroupView(URLS, 30, Long.MIN_VALUE, 100, false),
                new GroupView(EMAILS_WITH_FIELDS, 25, Long.MIN_VALUE, 150, false)),
            1_000,
            false);

    assertThat(next).map(GroupView::group).contains(URLS);
  }

  @Test
  void aGroupDeferredUntilLaterIsSkippedUnlessDraining() {
    List<GroupView> deferred = List.of(new GroupView(EMAILS, 3, 1_300, 1_000, false));

    assertThat(policy.next(deferred, 1_100, false)).isEmpty();
    assertThat(policy.next(deferred, 1_300, false)).isPresent();
    assertThat(policy.next(deferred, 1_100, true)).isPresent();
  }

  @Test
  void groupsWithNothingUnreservedAreNeverNamed() {
    assertThat(policy.next(List.of(new GroupView(EMAILS, 0, Long.MIN_VALUE, 0, false)), 0, true))
        .isEmpty();
  }

  @Test
  void aBatchGoesWhenFullWhenItsOldestLingeredOrAtShutdown() {
    assertThat(policy.flushReason(25, 1_000, 1_000, false)).contains(FlushReason.SIZE);
    assertThat(policy.flushReason(3, 1_000, 1_300, false)).contains(FlushReason.LINGER);
    assertThat(policy.flushReason(3, 1_000, 1_100, true)).contains(FlushReason.SHUTDOWN);
    assertThat(policy.flushReason(3, 1_000, 1_299, false)).isEmpty();
  }

  @Test
  void aPartialBatchIsDueAfterTheLingerAndNeverAtOrBeforeNow() {
    assertThat(policy.dueAtMs(1_000, 1_050)).isEqualTo(1_300);
    assertThat(new DispatchPolicy(25, 0).dueAtMs(1_000, 1_050)).isEqualTo(1_051);
  }

  @Test
  void aGroupWaitingOnlyForAnswersIsNotNamedEvenWhileDraining() {
    List<GroupView> twinsOnly = List.of(new GroupView(EMAILS, 2, Long.MIN_VALUE, 0, true));

    assertThat(policy.next(twinsOnly, 1_000, true)).isEmpty();
    assertThat(policy.next(twinsOnly, 1_000, false)).isEmpty();
  }
}
