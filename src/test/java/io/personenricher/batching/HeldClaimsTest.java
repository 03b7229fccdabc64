package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What claims a waiting batch writes again, and when. */
class HeldClaimsTest {

  private static final long LEASE = 10_000;
  private static final GroupKey GROUP = Entries.groupOf(Entries.email(0, "k", "a@acme.com", 0));

  private final HeldClaims held = new HeldClaims(LEASE);
  private final List<String> written = new ArrayList<>();

  private static Batch batch(long id, String... identifiers) {
    List<BatchItem> items = new ArrayList<>();
    for (String identifier : identifiers) {
      items.add(new BatchItem(identifier, identifier, List.of()));
    }
    return Batch.fresh(id, GROUP, items);
  }

  private int renew(long nowMs, Batch... waiting) {
    return held.renew(List.of(waiting), nowMs, (group, normalized, at) -> written.add(normalized));
  }

  @Test
  void aBatchClaimsItsIdentifiersAgainWhenItStartsWaiting() {
    assertThat(renew(1_000, batch(1, "a@acme.com", "b@acme.com"))).isEqualTo(2);
    assertThat(written).containsExactly("a@acme.com", "b@acme.com");
  }

  @Test
  void aWaitingBatchRenewsEveryHalfLeaseAndNotBefore() {
    Batch waiting = batch(1, "a@acme.com");
    renew(1_000, waiting);

    assertThat(renew(1_000 + LEASE / 2 - 1, waiting)).isZero();
    assertThat(renew(1_000 + LEASE / 2, waiting)).isEqualTo(1);
    assertThat(renew(1_000 + LEASE - 1, waiting)).isZero();
    assertThat(renew(1_000 + LEASE, waiting)).isEqualTo(1);
    assertThat(written).hasSize(3);
  }

  @Test
  void eachBatchKeepsItsOwnPace() {
    Batch first = batch(1, "a@acme.com");
    Batch second = batch(2, "b@acme.com");
    renew(1_000, first);
    renew(3_000, first, second);
    written.clear();

    renew(1_000 + LEASE / 2, first, second);

    assertThat(written).containsExactly("a@acme.com");
  }

  @Test
  void aBatchNoLongerWaitingIsForgottenAndClaimsAfreshIfItWaitsAgain() {
    Batch waiting = batch(1, "a@acme.com");
    renew(1_000, waiting);
    renew(1_100, batch(2, "b@acme.com"));
    assertThat(held.tracked()).isEqualTo(1);

    renew(1_200);
    assertThat(held.tracked()).isZero();
    written.clear();

    renew(1_300, waiting);
    assertThat(written).containsExactly("a@acme.com");
  }
}
