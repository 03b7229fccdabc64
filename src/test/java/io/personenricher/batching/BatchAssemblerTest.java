package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.intake.IdentifierValidator;
import io.personenricher.intake.Validation;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.TestStores;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

  private static final int MAX = 3;
  private static final BatchAssembler.StandingLookup NO_ANSWERS =
      (g, n, now) -> new ReuseLookup.Mine(Long.MAX_VALUE);

  private final PendingBuffer buffer =
      new PendingBuffer(TestStores.inMemory("pending"), new PendingEntryCodec(), MAX);
  private final IdentifierValidator validator = new IdentifierValidator(null);
  private final BatchAssembler assembler =
      new BatchAssembler(
          buffer,
          MAX,
          entry ->
              entry.identifier() != null
                  ? new Validation.Valid(entry.identifier())
                  : validator.validate(entry.event()));

  private GroupKey add(PendingEntry entry) {
    GroupKey group = Entries.groupOf(entry);
    buffer.add(group, entry);
    assembler.added(group, entry);
    return group;
  }

  @Test
  void collectsDistinctIdentifiersInInputOrderUpToTheBatchSize() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 10));
    add(Entries.email(2, "b", "b@x.com", 20));
    add(Entries.email(3, "c", "A@X.COM", 30));
    add(Entries.email(4, "d", "c@x.com", 40));
    add(Entries.email(5, "e", "d@x.com", 50));

    Assembly assembly = assembler.assemble(group, 100, NO_ANSWERS);

    assertThat(assembly.items())
        .extracting(BatchItem::normalized)
        .containsExactly("a@x.com", "b@x.com", "c@x.com");
    assertThat(assembly.items().get(0).members())
        .as("the duplicate rides along, paid once")
        .extracting(m -> m.entry().offset())
        .containsExactly(1L, 3L);
    assertThat(assembly.oldestMs()).isEqualTo(10);
    assertThat(assembly.restOldestMs()).as("the one that did not fit").isEqualTo(50);
    assertThat(assembly.resumeAt()).isEqualTo(5);
  }

  @Test
  void anyUnreservedIsTrueOnlyWhileAnEntryWaitsForABatch() {
    assertThat(assembler.anyUnreserved()).as("empty").isFalse();
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    assertThat(assembler.anyUnreserved()).as("one pending").isTrue();

    Assembly assembly = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.reserve(Batch.fresh(1, group, assembly.items()), assembly);
    assertThat(assembler.anyUnreserved()).as("its batch holds it").isFalse();

    add(Entries.email(2, "b", "b@x.com", 0));
    assertThat(assembler.anyUnreserved()).as("a second one waits").isTrue();
  }

  @Test
  void reservedEntriesAreNeverBatchedTwiceAndTheNextScanStartsPastThem() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    add(Entries.email(2, "b", "b@x.com", 0));
    add(Entries.email(3, "c", "c@x.com", 0));
    add(Entries.email(4, "d", "d@x.com", 0));
    Assembly first = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.reserve(Batch.fresh(1, group, first.items()), first);

    Assembly second = assembler.assemble(group, 0, NO_ANSWERS);

    assertThat(second.items()).extracting(BatchItem::normalized).containsExactly("d@x.com");
    assertThat(assembler.unreserved(group)).isEqualTo(1);
  }

  @Test
  void aTwinOfAnIdentifierInFlightIsLeftForThatAnswer() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    Assembly first = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.reserve(Batch.fresh(1, group, first.items()), first);
    add(Entries.email(2, "b", "A@x.com", 0));
    add(Entries.email(3, "c", "z@x.com", 0));

    Assembly whileInFlight = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.landed(group, "a@x.com");
    Assembly afterAnswer = assembler.assemble(group, 0, NO_ANSWERS);

    assertThat(whileInFlight.items()).extracting(BatchItem::normalized).containsExactly("z@x.com");
    assertThat(afterAnswer.items())
        .extracting(BatchItem::normalized)
        .containsExactly("a@x.com", "z@x.com");
  }

  @Test
  void anIdentifierWithAFreshAnswerIsACachedHitNotAnItem() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    add(Entries.email(2, "b", "b@x.com", 0));
    MappedAnswer answer = new MappedAnswer("a@x.com", "business_email", List.of());
    BatchAssembler.StandingLookup known =
        (g, normalized, now) ->
            normalized.equals("a@x.com")
                ? new ReuseLookup.Answered(answer, 0)
                : new ReuseLookup.Mine(Long.MAX_VALUE);

    Assembly assembly = assembler.assemble(group, 0, known);

    assertThat(assembly.cachedHits()).extracting(m -> m.entry().offset()).containsExactly(1L);
    assertThat(assembly.items()).extracting(BatchItem::normalized).containsExactly("b@x.com");
  }

  @Test
  void aReleasedEntryWithAnOlderOffsetIsStillFoundAfterTheCursorMoved() {
    GroupKey group = add(Entries.email(5, "a", "a@x.com", 0));
    Assembly first = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.reserve(Batch.fresh(1, group, first.items()), first);

    add(Entries.email(2, "k", "late@x.com", 0));

    assertThat(assembler.assemble(group, 0, NO_ANSWERS).items())
        .extracting(BatchItem::normalized)
        .containsExactly("late@x.com");
  }

  @Test
  void anEntryReturnedFromItsBatchIsScannedAgain() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    Assembly first = assembler.assemble(group, 0, NO_ANSWERS);
    Batch batch = Batch.fresh(1, group, first.items());
    assembler.reserve(batch, first);
    assembler.landed(group, "a@x.com");

    assembler.returned(group, first.items().get(0).members().get(0).entry());

    assertThat(assembler.unreserved(group)).isEqualTo(1);
    assertThat(assembler.assemble(group, 0, NO_ANSWERS).items()).hasSize(1);
  }

  @Test
  void viewsReportUnreservedCountsAndWhenAScanIsWorthIt() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 7));
    Assembly assembly = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.deferScan(group, 307, assembly);

    assertThat(assembler.views())
        .singleElement()
        .satisfies(
            view -> {
              assertThat(view.unreserved()).isEqualTo(1);
              assertThat(view.scanAtMs()).isEqualTo(307);
              assertThat(view.oldestMs()).isEqualTo(7);
            });
    assertThat(Set.copyOf(buffer.groups())).containsExactly(group);
  }

  @Test
  void viewsTellHowRecentlyTheGroupGrew() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 7));
    add(Entries.email(2, "b", "b@x.com", 40));
    add(Entries.email(3, "c", "c@x.com", 25));

    assertThat(assembler.views())
        .singleElement()
        .satisfies(
            view -> {
              assertThat(view.oldestMs()).isEqualTo(7);
              assertThat(view.newestMs()).isEqualTo(40);
            });
  }

  @Test
  void finishedEntriesLeaveTheCounts() {
    GroupKey group = add(Entries.email(1, "a", "a@x.com", 0));
    Assembly assembly = assembler.assemble(group, 0, NO_ANSWERS);
    assembler.reserve(Batch.fresh(1, group, assembly.items()), assembly);

    buffer.remove(group, 1);
    assembler.finished(group, 1);

    assertThat(assembler.views()).isEmpty();
    assertThat(assembler.unreserved(group)).isZero();
  }

  @Test
  void entriesRestoredFromTheChangelogAreSeenWithTheirTrueAge() {
    PendingBuffer restoredBuffer =
        new PendingBuffer(TestStores.inMemory("restored"), new PendingEntryCodec(), MAX);
    PendingEntry old = Entries.email(40, "a", "a@x.com", 1_000);
    restoredBuffer.add(Entries.groupOf(old), old);
    restoredBuffer.add(Entries.groupOf(old), Entries.email(41, "b", "b@x.com", 2_000));
    BatchAssembler newOwner =
        new BatchAssembler(restoredBuffer, MAX, e -> new Validation.Valid(e.identifier()));

    assertThat(newOwner.views())
        .singleElement()
        .satisfies(
            view -> {
              assertThat(view.oldestMs()).isEqualTo(1_000);
              assertThat(view.newestMs()).as("unknown: not growing").isEqualTo(Long.MIN_VALUE);
            });
    assertThat(newOwner.assemble(Entries.groupOf(old), 5_000, NO_ANSWERS).items()).hasSize(2);
  }
}
