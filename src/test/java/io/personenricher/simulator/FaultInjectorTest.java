package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final ApiAnswer OK = ApiAnswer.json(200, "[{\"a\":1},{\"b\":2}]", 2, 2);

  @Test
  void theServerFaultsAreCheckedInOrderAlongTheCumulativeProbabilities() {
    FaultSettings faults =
        FaultSettings.none().withServerErrors(0.1, 0.1, 0.1).withTransportFaults(0.1, 0.1, 0, 0);
    assertThat(fault(0.05, faults).map(ApiAnswer::status)).contains(500);
    assertThat(fault(0.15, faults).map(ApiAnswer::status)).contains(502);
    assertThat(fault(0.25, faults).map(ApiAnswer::status)).contains(503);
    assertThat(fault(0.35, faults).map(ApiAnswer::action)).contains(ApiAnswer.Action.NEVER_ANSWER);
    assertThat(fault(0.45, faults).map(ApiAnswer::action)).contains(ApiAnswer.Action.RESET);
    assertThat(fault(0.55, faults)).isEmpty();
  }

  @Test
  void noFaultsNeverStrikeAndCertainOnesAlwaysDo() {
    assertThat(fault(0.0, FaultSettings.none())).isEmpty();
    assertThat(fault(0.999, FaultSettings.none().withServerErrors(1, 0, 0)).map(ApiAnswer::status))
        .contains(500);
  }

  @Test
  void aServerErrorHasTheStructuredErrorBody() throws IOException {
    ApiAnswer answer = fault(0, FaultSettings.none().withServerErrors(0, 0, 1)).orElseThrow();
    assertThat(new ObjectMapper().readTree(answer.body()).at("/error/type").asText())
        .isEqualTo("service_unavailable");
  }

  @Test
  void aMalformedBodyIsNotJsonAndKeepsItsCredits() {
    ApiAnswer corrupted =
        injector(0.1).corruptSuccess(OK, FaultSettings.none().withTransportFaults(0, 0, 0.5, 0));
    assertThatThrownBy(() -> new ObjectMapper().readTree(corrupted.body()))
        .isInstanceOf(IOException.class);
    assertThat(corrupted.credits()).isEqualTo(2);
  }

  @Test
  void aMissingEntryDropsTheLastElementOfAnArrayBody() {
    FaultSettings missing = FaultSettings.none().withTransportFaults(0, 0, 0, 1);
    assertThat(injector(0.5).corruptSuccess(OK, missing).body()).isEqualTo("[{\"a\":1}]");
    ApiAnswer object = ApiAnswer.json(200, "{\"profiles\":[]}", 0);
    assertThat(injector(0.5).corruptSuccess(object, missing)).isEqualTo(object);
  }

  @Test
  void aRollAboveTheBodyFaultsLeavesTheAnswerAlone() {
    assertThat(
            injector(0.9)
                .corruptSuccess(OK, FaultSettings.none().withTransportFaults(0, 0, 0.4, 0.4)))
        .isEqualTo(OK);
  }

  private static Optional<ApiAnswer> fault(double roll, FaultSettings faults) {
    return injector(roll).serverFault(faults);
  }

  private static FaultInjector injector(double roll) {
    return new FaultInjector(
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public double nextDouble() {
            return roll;
          }
        });
  }
}
