package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.IdentifierKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CompletionPumpTest {

  private static final GroupKey GROUP =
      new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null);

  private final InFlightTable inFlight = new InFlightTable(8, new ProcessorActivity(), "0_0");
  private final List<String> steps = new ArrayList<>();
  private final List<Runnable> duringNextApply = new ArrayList<>();

  /** Outcomes decided by batch id: 1xx answered, 2xx retried; applying one is logged. */
  private final CompletionPump.Outcomes outcomes =
      new CompletionPump.Outcomes() {
        @Override
        public OutcomeDecision decide(Completion completion, long nowMs) {
          Batch batch = completion.batch();
          return batch.id() < 200
              ? new OutcomeDecision.Answered(batch, List.of(), null)
              : new OutcomeDecision.Retry(batch, "server_error");
        }

        @Override
        public void apply(OutcomeDecision decision, long nowMs) {
          steps.add("apply " + batchOf(decision).id());
          duringNextApply.forEach(Runnable::run);
          duringNextApply.clear();
        }
      };

  private final CompletionPump pump =
      new CompletionPump(inFlight, outcomes, now -> steps.add("dispatch"), () -> 0L);

  private static Batch batchOf(OutcomeDecision decision) {
    if (decision instanceof OutcomeDecision.Answered answered) {
      return answered.batch();
    }
    return ((OutcomeDecision.Retry) decision).batch();
  }

  private CompletableFuture<EnrichOutcome> launch(long id) {
    CompletableFuture<EnrichOutcome> call = new CompletableFuture<>();
    inFlight.launch(Batch.fresh(id, GROUP, List.of()), call, 0);
    return call;
  }

  private static EnrichOutcome ok() {
    return new EnrichOutcome.Success(List.of(), 0.0, 200);
  }

  @Test
  void freedSlotsAreRefilledBeforeAnyAnswerIsWrittenAndRetriesCountFirst() {
    launch(101).complete(ok());
    launch(201).complete(ok());
    launch(102).complete(ok());

    pump.run();

    assertThat(steps)
        .containsExactly("apply 201", "dispatch", "apply 101", "apply 102", "dispatch");
  }

  @Test
  void anAnswerThatLandsWhileAnotherIsWrittenGetsItsSlotRefilledBeforeTheNextWrite() {
    launch(101).complete(ok());
    launch(102).complete(ok());
    CompletableFuture<EnrichOutcome> late = launch(103);
    duringNextApply.add(() -> late.complete(ok()));

    pump.run();

    assertThat(steps)
        .containsExactly("dispatch", "apply 101", "dispatch", "apply 102", "apply 103", "dispatch");
  }

  @Test
  void withNothingLandedItOnlyDispatches() {
    launch(101);

    pump.run();

    assertThat(steps).containsExactly("dispatch");
    assertThat(inFlight.size()).isEqualTo(1);
  }
}
