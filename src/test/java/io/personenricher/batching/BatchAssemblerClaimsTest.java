package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.intake.Validation;
import io.personenricher.reuse.ReuseLookup;
import io.personenricher.reuse.ReuseLookup.Standing;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.TestStores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembler with application-wide reuse: what it claims, sends, and leaves waiting. */
class BatchAssemblerClaimsTest {

  private static final int MAX = 3;
  private static final long LEASE = 10_000;
  private static final long RECHECK = 200;
  private static final Standing FREE = new ReuseLookup.Free();

  private final PendingBuffer buffer =
      new PendingBuffer(TestStores.inMemory("pending"), new PendingEntryCodec(), MAX);
  private final Map<String, Standing> book = new HashMap<>();
  private final BatchAssembler.StandingLookup lookup =
      (group, normalized, now) -> book.getOrDefault(normalized, FREE);
  private final BatchAssembler assembler = assembler(2 * MAX);

  private BatchAssembler assembler(int claimAhead) {
    return new BatchAssembler(
        buffer,
        MAX,
        entry -> new Validation.Valid(entry.identifier()),
        new BatchAssembler.ClaimRules(claimAhead, LEASE, RECHECK));
  }

  private GroupKey add(BatchAssembler to, long offset, String email) {
    PendingEntry entry = Entries.email(offset, "k" + offset, email, 0);
    GroupKey group = Entries.groupOf(entry);
    buffer.add(group, entry);
    to.added(group, entry);
    return group;
  }

  private static Standing mine(long untilMs) {
    return new ReuseLookup.Mine(untilMs);
  }

  @Test
  void freeIdentifiersAreClaimedOnceAndWaitInsteadOfBeingSent() {
    GroupKey group = add(assembler, 1, "a@x.com");
    add(assembler, 2, "b@x.com");
    add(assembler, 3, "a@x.com");

    Assembly first = assembler.assemble(group, 0, lookup);

    assertThat(first.claims()).containsExactly("a@x.com", "b@x.com");
    assertThat(first.items()).isEmpty();
    assertThat(first.waitingOnClaims()).isEqualTo(3);
    assertThat(first.resumeAt()).as("the scan comes back to them").isEqualTo(1);
    assertThat(assembler.views())
        .singleElement()
        .satisfies(
            view -> {
              assertThat(view.unreserved()).as("nothing ready to send").isZero();
              assertThat(view.coming()).as("all three wait on this task's claims").isEqualTo(3);
            });

    Assembly beforeTheClaimIsBack = assembler.assemble(group, 50, lookup);

    assertThat(beforeTheClaimIsBack.claims()).as("not claimed twice").isEmpty();
    assertThat(beforeTheClaimIsBack.waitingOnClaims()).isEqualTo(3);
  }

  private long coming() {
    return assembler.views().get(0).coming();
  }

  @Test
  void whatIsComingCountsEntriesTakenInSinceTheScanButNotTwinsOfAnIdentifierInFlight() {
    GroupKey group = add(assembler, 1, "a@x.com");
    assembler.assemble(group, 0, lookup);
    assertThat(coming()).isEqualTo(1);

    add(assembler, 2, "b@x.com");
    add(assembler, 3, "c@x.com");
    assertThat(coming()).as("not scanned yet").isEqualTo(3);

    book.put("a@x.com", mine(LEASE));
    Assembly ready = assembler.assemble(group, 100, lookup);
    assertThat(assembler.views().get(0).unreserved()).isEqualTo(1);
    assertThat(coming()).as("b and c wait on this task's claims").isEqualTo(2);

    assembler.reserve(Batch.fresh(1, group, ready.items()), ready);
    add(assembler, 4, "a@x.com");
    assembler.assemble(group, 200, lookup);
    assertThat(coming()).as("the twin of a waits for a's answer").isEqualTo(2);
  }

  @Test
  void anIdentifierWhoseClaimIsConfirmedIsSentWithItsTwins() {
    GroupKey group = add(assembler, 1, "a@x.com");
    add(assembler, 2, "a@x.com");
    assembler.assemble(group, 0, lookup);
    book.put("a@x.com", mine(LEASE));

    Assembly assembly = assembler.assemble(group, 100, lookup);

    assertThat(assembly.items()).singleElement().satisfies(i -> assertThat(i.members()).hasSize(2));
    assertThat(assembly.claims()).as("the claim is fresh: no renewal").isEmpty();
    assertThat(assembler.views())
        .singleElement()
        .satisfies(view -> assertThat(view.unreserved()).isEqualTo(2));
  }

  @Test
  void anotherTasksClaimLeavesTheEntryWaitingUntilItsAnswerIsInTheBook() {
    GroupKey group = add(assembler, 1, "a@x.com");
    book.put("a@x.com", new ReuseLookup.Theirs("0_3", LEASE));

    Assembly waiting = assembler.assemble(group, 0, lookup);

    assertThat(waiting.claims()).isEmpty();
    assertThat(waiting.items()).isEmpty();
    assertThat(waiting.waitingOnClaims()).isEqualTo(1);
    assertThat(assembler.views())
        .singleElement()
        .satisfies(view -> assertThat(view.coming()).as("not this task's claim").isZero());

    book.put(
        "a@x.com",
        new ReuseLookup.Answered(new MappedAnswer("a@x.com", "business_email", List.of()), 10));
    Assembly answered = assembler.assemble(group, 300, lookup);

    assertThat(answered.cachedHits()).extracting(m -> m.entry().offset()).containsExactly(1L);
    assertThat(answered.waitingOnClaims()).isZero();
  }

  @Test
  void claimsAheadOfWhatIsSentAreBounded() {
    BatchAssembler bounded = assembler(2);
    GroupKey group = add(bounded, 1, "a@x.com");
    add(bounded, 2, "b@x.com");
    add(bounded, 3, "c@x.com");
    add(bounded, 4, "d@x.com");

    Assembly assembly = bounded.assemble(group, 0, lookup);

    assertThat(assembly.claims()).containsExactly("a@x.com", "b@x.com");
    assertThat(assembly.waitingOnClaims()).as("the scan stops at the bound").isEqualTo(3);
    assertThat(bounded.views())
        .singleElement()
        .satisfies(
            view ->
                assertThat(view.coming())
                    .as("claimed, and held back by the bound: this task sends them all")
                    .isEqualTo(4));

    book.put("a@x.com", mine(LEASE));
    book.put("b@x.com", mine(LEASE));
    Assembly ready = bounded.assemble(group, 100, lookup);
    assertThat(ready.claims()).as("still two claimed and not sent").isEmpty();
    bounded.reserve(Batch.fresh(1, group, ready.items()), ready);

    assertThat(bounded.assemble(group, 200, lookup).claims())
        .as("sent claims make room")
        .containsExactly("c@x.com", "d@x.com");
  }

  @Test
  void aClaimEndingWithinHalfTheLeaseIsRenewed() {
    GroupKey group = add(assembler, 1, "a@x.com");
    add(assembler, 2, "b@x.com");
    book.put("a@x.com", mine(LEASE / 2 + 1));
    book.put("b@x.com", mine(LEASE / 2 - 1));

    Assembly assembly = assembler.assemble(group, 0, lookup);

    assertThat(assembly.claims()).containsExactly("b@x.com");
    assertThat(assembly.items()).hasSize(2);
  }

  @Test
  void anOwnClaimThatNeverCameBackWithinTheLeaseIsWrittenAgain() {
    GroupKey group = add(assembler, 1, "a@x.com");
    assembler.assemble(group, 0, lookup);

    assertThat(assembler.assemble(group, LEASE - 1, lookup).claims()).isEmpty();
    assertThat(assembler.assemble(group, LEASE, lookup).claims()).containsExactly("a@x.com");
  }

  @Test
  void claimScansComeOncePerRecheckAndAtOnceAfterABatchWent() {
    GroupKey group = add(assembler, 1, "a@x.com");
    add(assembler, 2, "b@x.com");
    assertThat(assembler.claimScansDue(0)).containsExactly(group);

    Assembly waiting = assembler.assemble(group, 0, lookup);
    assembler.deferScan(group, 300, waiting);

    assertThat(assembler.claimScansDue(RECHECK - 1)).isEmpty();
    assertThat(assembler.claimScansDue(RECHECK)).containsExactly(group);

    book.put("a@x.com", mine(LEASE));
    Assembly one = assembler.assemble(group, RECHECK, lookup);
    assembler.reserve(Batch.fresh(1, group, one.items()), one);

    assertThat(assembler.claimScansDue(RECHECK)).containsExactly(group);
  }

  @Test
  void withoutClaimsOnlyTwinsInFlightKeepAGroupFromItsClaimScan() {
    GroupKey group = add(assembler, 1, "a@x.com");
    book.put("a@x.com", mine(LEASE));
    Assembly sent = assembler.assemble(group, 0, lookup);
    assembler.reserve(Batch.fresh(1, group, sent.items()), sent);
    add(assembler, 2, "a@x.com");

    Assembly twin = assembler.assemble(group, 10, lookup);
    assembler.deferScan(group, 300, twin);

    assertThat(assembler.claimScansDue(10_000)).as("the twin waits for the landing").isEmpty();
    assembler.landed(group, "a@x.com");
    assertThat(assembler.claimScansDue(10_000)).containsExactly(group);
  }
}
