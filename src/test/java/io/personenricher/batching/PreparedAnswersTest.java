package io.personenricher.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.reuse.AnswerCodec;
import io.personenricher.routing.MappedAnswer;
import io.personenricher.testutil.FakeEnrichClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedAnswersTest {

  @Test
  void everyEntryIsMappedInItsPlaceAndADefectStaysWithItsOwnEntry() {
    List<EnrichEntry> entries =
        List.of(
            entry("ann@acme.com", List.of(FakeEnrichClient.person("ann@acme.com", 0.9))),
            entry("odd@acme.com", List.of(FakeEnrichClient.unmappable(1.0))),
            entry("bob@acme.com", List.of()));

    PreparedAnswers prepared = PreparedAnswers.of(new EnrichOutcome.Success(entries, 1.0, 200));

    assertThat(prepared.size()).isEqualTo(3);
    assertThat(prepared.get(0).defect()).isNull();
    assertThat(prepared.get(0).answer().answer()).isEqualTo(MappedAnswer.of(entries.get(0)));
    assertThat(prepared.get(0).answer().encoded())
        .isEqualTo(AnswerCodec.encode(MappedAnswer.of(entries.get(0))));
    assertThat(prepared.get(1).answer()).isNull();
    assertThat(prepared.get(1).defect()).hasMessage("a mapping defect");
    assertThat(prepared.get(2).answer().answer().matchedOn()).isEqualTo("bob@acme.com");
    assertThat(prepared.get(2).answer().answer().matches()).isEmpty();
  }

  @Test
  void onlyASuccessHasEntries() {
    assertThat(PreparedAnswers.of(new EnrichOutcome.Rejected(400, "bad", "no")).size()).isZero();
  }

  @Test
  void aDecisionWhosePreparedEntriesDoNotFitItsAnswersMapsThemAgain() {
    List<EnrichEntry> entries = List.of(entry("ann@acme.com", List.of()));

    OutcomeDecision.Answered answered =
        new OutcomeDecision.Answered(null, entries, null, PreparedAnswers.NONE);

    assertThat(answered.prepared().size()).isEqualTo(1);
    assertThat(answered.prepared().get(0).answer().answer().matchedOn()).isEqualTo("ann@acme.com");
  }

  private static EnrichEntry entry(String identifier, List<PersonMatchResult> matches) {
    return new EnrichEntry(identifier, "business_email", matches);
  }
}
