package io.personenricher.batching;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.EnrichOutcome;
import java.util.List;

/** What to do with a batch once its call came back; see {@link OutcomeHandler}. */
sealed interface OutcomeDecision {

  /** The batch as it stands after the call (its history updated). */
  Batch batch();

  /**
   * Every identifier answered: {@code answers.get(i)} answers {@code batch.items().get(i)}.
   *
   * @param creditsUsed the response's credits, or null when it did not say
   * @param prepared {@code answers} in the output form, made where the answer arrived
   */
  record Answered(
      Batch batch, List<EnrichEntry> answers, Double creditsUsed, PreparedAnswers prepared)
      implements OutcomeDecision {

    public Answered {
      if (prepared.size() != answers.size()) {
        prepared = PreparedAnswers.map(answers);
      }
    }

    /** Answers mapped here, on the calling thread (by the canonical constructor). */
    Answered(Batch batch, List<EnrichEntry> answers, Double creditsUsed) {
      this(batch, answers, creditsUsed, PreparedAnswers.NONE);
    }
  }

  /** A 400 for several identifiers: send both halves, to isolate the one the API refused. */
  record Bisect(Batch batch, Batch left, Batch right) implements OutcomeDecision {}

  /**
   * Send the batch again no earlier than its {@code notBeforeMs}.
   *
   * @param reasonCode for the retry metric
   */
  record Retry(Batch batch, String reasonCode) implements OutcomeDecision {}

  /** The client is halted: the batch waits, nothing is dead-lettered. */
  record Halted(Batch batch, EnrichOutcome.Fatal fatal) implements OutcomeDecision {}

  /**
   * Live enrich answered that the key is not entitled (403): the fallback goes off and the batch's
   * events end as the index answered them, unmatched; enrichment is not halted.
   */
  record LiveRefused(Batch batch, EnrichOutcome.Fatal fatal) implements OutcomeDecision {}

  /** The batch's events end as dead letters. */
  record Failed(Batch batch, Verdict verdict, Integer httpStatus) implements OutcomeDecision {}
}
