package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.IdentifierKind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTableTest {

  private final ProcessorActivity activity = new ProcessorActivity();
  private final InFlightTable table = new InFlightTable(2, activity, "0_0");
  private final Batch batch =
      Batch.fresh(1, new GroupKey(IdentifierKind.BUSINESS_EMAIL, List.of(), null), List.of());

  @Test
  void aCallCountsAsInFlightUntilTheStreamThreadTakesItsAnswer() throws Exception {
    CompletableFuture<EnrichOutcome> call = new CompletableFuture<>();
    table.launch(batch, call, 5);

    Thread io = new Thread(() -> call.complete(new EnrichOutcome.Success(List.of(), 0.0, 200)));
    io.start();
    io.join();

    assertThat(table.size()).isEqualTo(1);
    assertThat(activity.inFlightRequests()).isEqualTo(1);
    Completion taken = table.poll();
    assertThat(taken.sentAtMs()).isEqualTo(5);
    assertThat(table.size()).isZero();
    assertThat(activity.inFlightRequests()).isZero();
  }

  @Test
  void aCallThatFailsExceptionallyComesBackAsARetriableConnectionFailure() {
    CompletableFuture<EnrichOutcome> call = new CompletableFuture<>();
    table.launch(batch, call, 0);
    call.completeExceptionally(new IllegalStateException("boom"));

    assertThat(table.poll().outcome())
        .isInstanceOfSatisfying(
            EnrichOutcome.Retriable.class,
            r -> {
              assertThat(r.reason()).isEqualTo(EnrichOutcome.RetryReason.CONNECTION_FAILED);
              assertThat(r.message()).contains("boom");
            });
  }

  @Test
  void theBoundCannotBeExceeded() {
    table.launch(batch, new CompletableFuture<>(), 0);
    table.launch(batch, new CompletableFuture<>(), 0);

    assertThat(table.hasRoom()).isFalse();
    assertThatThrownBy(() -> table.launch(batch, new CompletableFuture<>(), 0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pollWaitsForAnAnswerUpToItsTimeout() throws Exception {
    CompletableFuture<EnrichOutcome> call = new CompletableFuture<>();
    table.launch(batch, call, 0);
    CompletableFuture.runAsync(
        () -> call.complete(new EnrichOutcome.Success(List.of(), 0.0, 200)),
        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));

    assertThat(table.poll(TimeUnit.SECONDS.toNanos(10))).isNotNull();
  }

  @Test
  void afterCloseLateAnswersAreDroppedAndNothingCountsAsInFlight() {
    CompletableFuture<EnrichOutcome> call = new CompletableFuture<>();
    table.launch(batch, call, 0);

    table.close();
    call.complete(new EnrichOutcome.Success(List.of(), 0.0, 200));

    assertThat(activity.inFlightRequests()).isZero();
    assertThat(table.poll()).isNull();
  }
}
