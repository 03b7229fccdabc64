package io.personenricher.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetPeriodTest {

  @ParameterizedTest(name = "{0} at {1} is {2}, from {3} to {4}")
  @CsvSource({
    "day,   2026-12-01T00:00:00Z,     2026-12-01,                    2026-12-01T00:00:00Z, 2026-12-02T00:00:00Z",
    "day,   2026-12-31T23:59:59.999Z, 2026-12-31,                    2026-12-31T00:00:00Z, 2027-01-01T00:00:00Z",
    "month, 2026-12-15T10:00:00Z,     2026-12,                       2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "month, 2028-02-29T23:00:00Z,     2028-02,                       2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z",
    "month, 2027-03-01T00:00:00Z,     2027-03,                       2027-03-01T00:00:00Z, 2027-04-01T00:00:00Z",
    "PT20S, 2026-01-01T00:00:19.999Z, PT20S@2026-01-01T00:00:00Z,    2026-01-01T00:00:00Z, 2026-01-01T00:00:20Z",
    "PT20S, 2026-01-01T00:00:20Z,     PT20S@2026-01-01T00:00:20Z,    2026-01-01T00:00:20Z, 2026-01-01T00:00:40Z",
    "PT6H,  2026-12-01T13:30:00Z,     PT6H@2026-12-01T12:00:00Z,     2026-12-01T12:00:00Z, 2026-12-01T18:00:00Z",
    "P7D,   1970-01-09T00:00:00Z,     PT168H@1970-01-08T00:00:00Z,   1970-01-08T00:00:00Z, 1970-01-15T00:00:00Z",
  })
  void anInstantFallsInOnePeriodWhoseIdAndBoundsEveryInstanceComputesAlike(
      String period, String at, String id, String start, String end) {
    BudgetPeriod.Span span = BudgetPeriod.parse(period).at(Instant.parse(at));

    assertThat(span.id()).isEqualTo(id);
    assertThat(span.start()).isEqualTo(Instant.parse(start));
    assertThat(span.end()).isEqualTo(Instant.parse(end));
    assertThat(span.contains(Instant.parse(at))).isTrue();
    assertThat(span.contains(span.end())).isFalse();
  }

  @Test
  void durationsAreAlignedToTheEpochSoTheyDoNotDependOnWhenAnInstanceStarted() {
    BudgetPeriod period = BudgetPeriod.parse("PT7M");
    Instant late = Instant.parse("2026-05-05T05:05:05Z");

    assertThat(period.at(late).start().toEpochMilli() % Duration.ofMinutes(7).toMillis()).isZero();
    assertThat(period.at(period.at(late).end()).start()).isEqualTo(period.at(late).end());
  }

  @Test
  void parsingIsCaseInsensitiveAndTrimmed() {
    assertThat(BudgetPeriod.parse(" Day ")).isEqualTo(BudgetPeriod.DAY);
    assertThat(BudgetPeriod.parse("MONTH")).isEqualTo(BudgetPeriod.MONTH);
    assertThat(BudgetPeriod.parse("pt20s").length()).isEqualTo(Duration.ofSeconds(20));
  }

  @ParameterizedTest
  @CsvSource({"week", "P1M", "20s", "''"})
  void anythingElseIsRefusedNamingWhatIsAccepted(String text) {
    assertThatThrownBy(() -> BudgetPeriod.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day, month")
        .hasMessageContaining("PT6H");
  }

  @Test
  void aPeriodShorterThanASecondIsRefused() {
    assertThatThrownBy(() -> BudgetPeriod.parse("PT0.5S"))
        .hasMessageContaining("at least one second");
  }

  @Test
  void theLongestPeriodOfEachKindBoundsWhatTheLedgerMustRetain() {
    assertThat(BudgetPeriod.DAY.longest()).isEqualTo(Duration.ofDays(1));
    assertThat(BudgetPeriod.MONTH.longest()).isEqualTo(Duration.ofDays(31));
    assertThat(BudgetPeriod.parse("PT6H").longest()).isEqualTo(Duration.ofHours(6));
  }
}
