package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimPlannerTest {

  private static final Endpoint E = Endpoint.ENRICH;

  /** A slot every 100 ms. */
  private static final SlotGrid GRID = new SlotGrid(E, 10, 900, 100, 0);

  private final ClaimPlanner planner = new ClaimPlanner(500, 50);
  private final SlotBook book = new SlotBook(E);

  ClaimPlannerTest() {
    book.apply(new LedgerRecord.Grid("a", E, GRID));
  }

  private static long start(LedgerRecord.Claim claim) {
    return GRID.startOf(claim.slot());
  }

  @Test
  void urgentWorkClaimsAHorizonOfTheEarliestFreeSlotsAfterTheLead() {
    List<LedgerRecord.Claim> claims =
        planner.plan(book, "a", new Demand(20, 0, 0, 0), 0, 0, true, 1_000);

    assertThat(claims).hasSize(5);
    assertThat(claims).allSatisfy(c -> assertThat(start(c)).isGreaterThanOrEqualTo(1_050));
    assertThat(start(claims.get(0))).isEqualTo(1_100);
  }

  @Test
  void slotsAlreadyHeldOrClaimedCountAgainstTheHorizonAndTheDemand() {
    assertThat(planner.plan(book, "a", new Demand(20, 0, 0, 0), 3, 1, true, 1_000)).hasSize(1);
    assertThat(planner.plan(book, "a", new Demand(2, 0, 0, 0), 2, 0, true, 1_000)).isEmpty();
  }

  @Test
  void aPartialBatchClaimsOnlyTheNextSlotAndOnlyWhenNobodyTookIt() {
    Demand lingering = new Demand(0, 0, 1, 0);

    List<LedgerRecord.Claim> free = planner.plan(book, "a", lingering, 0, 0, true, 1_000);
    assertThat(free).singleElement().satisfies(c -> assertThat(start(c)).isEqualTo(1_100));

    // Another instance holds the next slots with full batches: the partial batch waits.
    for (long slot = 11; slot < 20; slot++) {
      book.apply(new LedgerRecord.Claim("b", E, 0, slot, 1));
    }
    assertThat(planner.plan(book, "a", lingering, 0, 0, true, 1_000)).isEmpty();
  }

  @Test
  void aDuePartialBatchClaimsAheadLikeAFullOne() {
    assertThat(planner.plan(book, "a", new Demand(0, 2, 0, 0), 0, 0, true, 1_000)).hasSize(2);
  }

  @Test
  void withoutAGridOrDemandNothingIsClaimed() {
    assertThat(planner.plan(new SlotBook(E), "a", new Demand(5, 0, 0, 0), 0, 0, true, 0)).isEmpty();
    assertThat(planner.plan(book, "a", Demand.NONE, 0, 0, true, 0)).isEmpty();
  }

  @Test
  void rightAfterUsingASurplusPermitTheNextIsLeftToOthers() {
    assertThat(planner.plan(book, "a", new Demand(0, 0, 1, 0), 0, 0, false, 1_000)).isEmpty();
    assertThat(planner.plan(book, "a", new Demand(3, 0, 0, 0), 0, 0, false, 1_000)).hasSize(3);
  }
}
