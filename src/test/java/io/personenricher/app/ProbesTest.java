package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.HaltReason;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProbesTest {

  @Test
  void livenessStaysUpWhileStartingRebalancingOrRunning() {
    for (State state : new State[] {State.CREATED, State.REBALANCING, State.RUNNING}) {
      assertThat(Probes.liveness(state, false).ok()).as(state.name()).isTrue();
    }
  }

  @Test
  void livenessFailsOnErrorAndDuringShutdown() {
    assertThat(Probes.liveness(State.ERROR, false))
        .extracting(ProbeStatus::ok, ProbeStatus::status)
        .containsExactly(false, "failed");
    assertThat(Probes.liveness(State.PENDING_SHUTDOWN, false).status()).isEqualTo("shutting_down");
    assertThat(Probes.liveness(State.RUNNING, true).ok()).isFalse();
  }

  @Test
  void readinessNeedsRunningAndNoHalt() {
    assertThat(Probes.readiness(State.RUNNING, Optional.empty()))
        .isEqualTo(ProbeStatus.up("ready"));
    assertThat(Probes.readiness(State.REBALANCING, Optional.empty()))
        .extracting(ProbeStatus::ok, ProbeStatus::status)
        .containsExactly(false, "rebalancing");
  }

  @Test
  void everyHaltOfTheApiMakesReadinessFailWithAnAction() {
    for (HaltReason reason : HaltReason.values()) {
      if (reason == HaltReason.BUDGET_EXHAUSTED) {
        continue;
      }
      ProbeStatus status = Probes.readiness(State.RUNNING, Optional.of(reason));
      assertThat(status.ok()).isFalse();
      assertThat(status.status()).isEqualTo("halted");
      assertThat(status.reason()).isEqualTo(reason.name());
      assertThat(status.action()).contains("enricher.api.key").contains("resumes by itself");
    }
  }

  @Test
  void anExhaustedBudgetMakesReadinessFailNamingTheRaiseAndWhenTheNextPeriodStarts() {
    Instant next = Instant.parse("2027-01-01T00:00:00Z");

    ProbeStatus status =
        Probes.readiness(
            State.RUNNING,
            Optional.of(HaltReason.BUDGET_EXHAUSTED),
            Optional.empty(),
            Optional.of(next));

    assertThat(status.ok()).isFalse();
    assertThat(status.status()).isEqualTo("halted");
    assertThat(status.reason()).isEqualTo("BUDGET_EXHAUSTED");
    assertThat(status.action())
        .startsWith(
            "raise enricher.credits.budget or wait for the next period at 2027-01-01T00:00:00Z")
        .contains("resumes by itself")
        .contains("nothing is dead-lettered");
  }
}
