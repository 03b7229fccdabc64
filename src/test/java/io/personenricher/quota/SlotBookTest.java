package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlotBookTest {

  private static final Endpoint E = Endpoint.ENRICH;

  /** 10 permits per 1 s window, 100 ms margin: a slot every 110 ms. */
  private static final SlotGrid GRID = new SlotGrid(E, 10, 1_000, 100, 0);

  private final SlotBook book = new SlotBook(E);

  private SlotBook withGrid() {
    book.apply(new LedgerRecord.Grid("a", E, GRID));
    return book;
  }

  private static LedgerRecord.Claim claim(String instance, long slot) {
    return new LedgerRecord.Claim(instance, E, GRID.effectiveFromMs(), slot, 1);
  }

  @Test
  void theFirstClaimForASlotWinsItAndLaterOnesLose() {
    withGrid();

    List<SlotBook.Won> first = book.apply(claim("a", 3));
    List<SlotBook.Won> second = book.apply(claim("b", 3));

    assertThat(first).extracting(SlotBook.Won::owner).containsExactly("a");
    assertThat(second).isEmpty();
    assertThat(book.winnerAt(GRID.startOf(3))).map(SlotBook.Won::owner).contains("a");
  }

  @Test
  void twoBooksFoldingTheSameRecordsAgreeOnEveryOwner() {
    List<LedgerRecord> ledger =
        List.of(
            new LedgerRecord.Grid("a", E, GRID),
            claim("a", 0),
            claim("b", 0),
            claim("b", 1),
            new LedgerRecord.Claim("c", E, 0, 1, 3),
            new LedgerRecord.Release("b", E, 0, 1),
            claim("a", 1));
    SlotBook one = new SlotBook(E);
    SlotBook two = new SlotBook(E);
    ledger.forEach(one::apply);
    ledger.forEach(two::apply);

    for (long slot = 0; slot < 5; slot++) {
      assertThat(one.winnerAt(GRID.startOf(slot))).isEqualTo(two.winnerAt(GRID.startOf(slot)));
    }
    assertThat(one.winnerAt(GRID.startOf(1))).map(SlotBook.Won::owner).contains("a");
    assertThat(one.winnerAt(GRID.startOf(2))).map(SlotBook.Won::owner).contains("c");
  }

  @Test
  void aClaimWithoutAKnownGridOrBeforeItStartsWinsNothing() {
    assertThat(book.apply(claim("a", 0))).isEmpty();
    book.apply(new LedgerRecord.Grid("a", E, GRID.from(1_000)));

    assertThat(book.apply(new LedgerRecord.Claim("a", E, 1_000, -1, 1))).isEmpty();
    assertThat(book.apply(new LedgerRecord.Claim("a", E, 1_000, 0, 1))).hasSize(1);
  }

  @Test
  void noSlotStartingBeforeAPauseEndsCanBeWon() {
    withGrid();
    book.apply(new LedgerRecord.Pause("b", E, GRID.startOf(5)));

    assertThat(book.apply(claim("a", 4))).isEmpty();
    assertThat(book.apply(claim("a", 5))).hasSize(1);
  }

  @Test
  void onlyItsOwnerCanReleaseASlot() {
    withGrid();
    book.apply(claim("a", 2));

    book.apply(new LedgerRecord.Release("b", E, 0, 2));
    assertThat(book.apply(claim("b", 2))).isEmpty();
    book.apply(new LedgerRecord.Release("a", E, 0, 2));
    assertThat(book.apply(claim("b", 2))).hasSize(1);
  }

  @Test
  void anyLimitConsecutiveSlotsSpanAWindowPlusTheMargin() {
    for (long slot = 0; slot < 30; slot++) {
      assertThat(GRID.startOf(slot + GRID.limit()) - GRID.startOf(slot)).isEqualTo(GRID.spanMs());
    }
    assertThat(GRID.firstSlotFrom(0)).isZero();
    assertThat(GRID.firstSlotFrom(1)).isEqualTo(1);
    assertThat(GRID.startOf(GRID.firstSlotFrom(500))).isGreaterThanOrEqualTo(500);
    assertThat(GRID.startOf(GRID.firstSlotFrom(500) - 1)).isLessThan(500);
  }

  @Test
  void aHigherLimitFromNowOnNeverPutsMoreThanTheLimitIntoAWindowAcrossTheChange() {
    withGrid();
    for (long slot = 0; slot < 10; slot++) {
      book.apply(claim("a", slot));
    }
    // The API says 20 from 1 s on: slots of the new grid come every 55 ms, but the 10 won in the
    // last window still count until they are older than window plus margin.
    SlotGrid faster = new SlotGrid(E, 20, 1_000, 100, 1_000);
    book.apply(new LedgerRecord.Grid("b", E, faster));
    int won = 0;
    for (long slot = 0; slot < 40; slot++) {
      won += book.apply(new LedgerRecord.Claim("b", E, 1_000, slot, 1)).size();
    }

    List<Long> starts = new java.util.ArrayList<>();
    for (long t = 0; t < 5_000; t++) {
      book.winnerAt(t).ifPresent(w -> starts.add(w.startMs()));
    }
    for (int i = 0; i < starts.size(); i++) {
      long end = starts.get(i);
      long inSpan = starts.stream().filter(s -> s > end - 1_100 && s <= end).count();
      assertThat(inSpan).as("slots in the span ending at %d", end).isLessThanOrEqualTo(20);
    }
    assertThat(won).isPositive();
  }

  @Test
  void freeSlotsAreTheEarliestAClaimWouldWin() {
    withGrid();
    book.apply(claim("b", 1));

    List<LedgerRecord.Claim> free = book.freeSlots("a", 0, 3);

    assertThat(free).extracting(LedgerRecord.Claim::slot).containsExactly(0L, 2L, 3L);
  }
}
