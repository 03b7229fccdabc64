package io.personenricher.routing;

import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.UnmatchedIdentifier;
import io.personenricher.model.avro.UnmatchedReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Builds the three kinds of output records from an input event and what happened to it. */
public final class OutputRecords {

  private OutputRecords() {}

  /**
   * The enriched record with its {@code matches} left empty: the accepted candidates' Avro goes in
   * when it is serialized ({@link OutputEncoder#enriched}).
   */
  public static EnrichedPerson enrichedWithoutMatches(
      IdentifierEvent input,
      MappedAnswer entry,
      MatchDecision.Matched decision,
      Double creditsShare,
      int attempts,
      EnrichmentSource source,
      Instant now) {
    return EnrichedPerson.newBuilder()
        .setInput(input)
        .setMatchedOn(entry.matchedOn())
        .setMatchType(entry.matchType())
        .setBestConfidenceScore(bestScore(decision.accepted()))
        .setMatches(List.of())
        .setEnrichedAt(now)
        .setCreditsUsed(creditsShare)
        .setAttempts(attempts)
        .setSource(source)
        .build();
  }

  /** The highest score of the accepted candidates (0 for none, which a match never has). */
  private static double bestScore(List<EncodedMatch> accepted) {
    if (accepted.isEmpty()) {
      return 0.0;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (EncodedMatch match : accepted) {
      best = Math.max(best, match.confidenceScore());
    }
    return best;
  }

  public static UnmatchedIdentifier unmatched(
      IdentifierEvent input,
      MappedAnswer entry,
      MatchDecision decision,
      Double threshold,
      Instant now) {
    UnmatchedIdentifier.Builder builder =
        UnmatchedIdentifier.newBuilder()
            .setInput(input)
            .setMatchedOn(entry.matchedOn())
            .setMatchType(entry.matchType())
            .setMinSimilarityScore(threshold)
            .setCheckedAt(now);
    if (decision instanceof MatchDecision.BelowThreshold below) {
      builder
          .setReason(UnmatchedReason.BELOW_THRESHOLD)
          .setBestConfidenceScore(below.bestScore())
          .setCandidates(below.candidates());
    } else {
      builder.setReason(UnmatchedReason.NO_MATCH).setBestConfidenceScore(null).setCandidates(0);
    }
    return builder.build();
  }

  /**
   * A dead letter with full context.
   *
   * @param event the decoded input, or null when undecodable
   * @param rawValue the undecodable bytes, or null
   * @param lastHttpStatus the last API status, or null when no call was made or none answered
   * @param attempts API calls made for the event (0 when rejected before sending)
   */
  public static DeadLetter deadLetter(
      RecordSource source,
      IdentifierEvent event,
      byte[] rawValue,
      DeadLetterReason reason,
      String errorClass,
      String message,
      Integer lastHttpStatus,
      int attempts,
      Instant now) {
    return DeadLetter.newBuilder()
        .setEvent(event)
        .setRawKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
        .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
        .setReason(reason)
        .setErrorClass(errorClass)
        .setErrorMessage(message == null ? "" : message)
        .setLastHttpStatus(lastHttpStatus)
        .setAttempts(attempts)
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setFailedAt(now)
        .build();
  }
}
