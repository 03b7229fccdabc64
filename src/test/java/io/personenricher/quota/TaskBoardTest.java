package io.personenricher.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskBoardTest {

  private final TaskBoard board = new TaskBoard(500);

  @Test
  void urgentWorkGoesBeforeAnOlderSurplusPartialAndTheOldestUrgentFirst() {
    board.offer("0_0", new Demand(0, 0, 1, 10), 1_000);
    board.offer("0_1", new Demand(0, 1, 0, 50), 1_000);
    board.offer("0_2", new Demand(1, 0, 0, 90), 1_000);

    assertThat(board.best(1_000)).map(e -> e.getKey()).contains("0_1");
    board.withdraw("0_1");
    assertThat(board.best(1_000)).map(e -> e.getValue()).contains(Permit.Kind.FULL);
    board.withdraw("0_2");
    assertThat(board.best(1_000)).map(e -> e.getValue()).contains(Permit.Kind.SURPLUS);
  }

  @Test
  void withinAClassTheTaskHoldingTheOldestWorkGoesFirst() {
    board.offer("0_0", new Demand(3, 0, 0, 900), 1_000);
    board.offer("0_1", new Demand(1, 0, 0, 100), 1_000);

    assertThat(board.best(1_000)).map(e -> e.getKey()).contains("0_1");
  }

  @Test
  void staleOffersAndEmptyOnesDoNotCount() {
    board.offer("0_0", new Demand(1, 0, 0, 0), 0);
    board.offer("0_1", new Demand(1, 0, 0, 5), 900);
    board.offer("0_2", Demand.NONE, 900);

    assertThat(board.best(900)).map(e -> e.getKey()).contains("0_1");
    assertThat(board.total(900)).isEqualTo(new Demand(1, 0, 0, 5));
  }
}
