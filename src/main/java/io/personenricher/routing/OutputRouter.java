package io.personenricher.routing;

import io.personenricher.metrics.EnricherMetrics;
import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.EnrichmentSource;
import io.personenricher.text.Failures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Decides which output an event ends on and writes exactly one record for it: enriched when a match
 * reaches the threshold, unmatched otherwise, or a dead letter with its reason.
 *
 * <p>Exactly one record, whatever the answer holds: an answer whose output cannot be built (a
 * defect or a shape the contract does not cover) becomes a {@code PROCESSING_ERROR} dead letter,
 * one too large for its topic an {@code OUTPUT_TOO_LARGE} dead letter; only a schema registry
 * outage writes nothing, and says so ({@link Result#REGISTRY_UNAVAILABLE}) so the caller keeps the
 * event for later.
 *
 * <p>Every record carries the header {@value #SOURCE_HEADER} ({@code partition/offset} of its input
 * record), so an output can be traced back to its input, and the last-resort production handler can
 * dead-letter it with the right context.
 *
 * <p>Threading notes: stream thread only (the sink forwards).
 */
public final class OutputRouter {

  /** Header naming the input record of an output: {@code <partition>/<offset>}. */
  public static final String SOURCE_HEADER = "enricher.source";

  /** What routing one event came to. */
  public enum Result {
    /** The record went to the route its answer decides. */
    WRITTEN,
    /** The answer's record could not be written; a dead letter says why. */
    DEAD_LETTERED,
    /** Nothing was written: the registry is unreachable; keep the event and try again. */
    REGISTRY_UNAVAILABLE
  }

  private final OutputEncoder encoder;
  private final OutputSink sink;
  private final OutputTopics topics;
  private final EnricherMetrics metrics;

  public OutputRouter(
      OutputEncoder encoder, OutputSink sink, OutputTopics topics, EnricherMetrics metrics) {
    this.encoder = encoder;
    this.sink = sink;
    this.topics = topics;
    this.metrics = metrics;
  }

  /**
   * Routes an API answer (or an answer reused from the cache) for one event.
   *
   * @param threshold the event's effective minimum confidence, or null
   * @param creditsShare this event's share of the response's credits, or null when unknown
   * @param calls API calls it took (0 for a reused answer)
   */
  public Result answer(
      InputEvent input,
      MappedAnswer answer,
      Double threshold,
      Double creditsShare,
      int calls,
      long nowMs) {
    return answer(input, answer, threshold, creditsShare, calls, EnrichmentSource.INDEX, nowMs);
  }

  /**
   * As above, for an answer of the given source (the index, or live enrich).
   *
   * @param source where the answer came from; enriched records say so
   */
  public Result answer(
      InputEvent input,
      MappedAnswer answer,
      Double threshold,
      Double creditsShare,
      int calls,
      EnrichmentSource source,
      long nowMs) {
    Headers headers = headers(input.source());
    int keyBytes = keyBytes(input);
    Route route;
    Encoded encoded;
    try {
      Instant at = Instant.ofEpochMilli(nowMs);
      MatchDecision decision = MatchDecision.decide(answer, threshold);
      if (decision instanceof MatchDecision.Matched matched) {
        route = Route.ENRICHED;
        encoded =
            encoder.enriched(
                OutputRecords.enrichedWithoutMatches(
                    input.event(), answer, matched, creditsShare, calls, source, at),
                matched.accepted(),
                keyBytes,
                headerBytes(headers));
      } else {
        route = Route.UNMATCHED;
        encoded =
            encoder.unmatched(
                OutputRecords.unmatched(input.event(), answer, decision, threshold, at),
                keyBytes,
                headerBytes(headers));
      }
    } catch (RuntimeException e) {
      Result dead =
          deadLetter(
              input,
              DeadLetterReason.PROCESSING_ERROR,
              "output_not_built",
              "the API answer could not be turned into an output record: " + Failures.describe(e),
              null,
              calls,
              nowMs);
      return dead == Result.WRITTEN ? Result.DEAD_LETTERED : dead;
    }
    if (encoded instanceof Encoded.Bytes bytes) {
      forward(route, input, bytes.value(), headers, nowMs);
      if (creditsShare != null) {
        metrics.recordRouteCredits(route, creditsShare);
      }
      return Result.WRITTEN;
    }
    if (encoded instanceof Encoded.TooLarge tooLarge) {
      Result dead =
          deadLetter(
              input,
              DeadLetterReason.OUTPUT_TOO_LARGE,
              "output_too_large",
              "the "
                  + route.name().toLowerCase(Locale.ROOT)
                  + " record would be "
                  + tooLarge.bytes()
                  + " bytes; the output topic and producer accept at most "
                  + tooLarge.limit()
                  + " (raise max.message.bytes on "
                  + topics.of(route)
                  + " and the producer's max.request.size, or request fewer fields)",
              null,
              calls,
              nowMs);
      return dead == Result.WRITTEN ? Result.DEAD_LETTERED : dead;
    }
    return Result.REGISTRY_UNAVAILABLE;
  }

  /** Writes a dead letter with full context. */
  public Result deadLetter(
      InputEvent input,
      DeadLetterReason reason,
      String errorClass,
      String message,
      Integer lastHttpStatus,
      int attempts,
      long nowMs) {
    DeadLetter record =
        OutputRecords.deadLetter(
            input.source(),
            input.event(),
            input.rawValue(),
            reason,
            errorClass,
            message,
            lastHttpStatus,
            attempts,
            Instant.ofEpochMilli(nowMs));
    Headers headers = headers(input.source());
    Encoded encoded = encoder.deadLetter(record, keyBytes(input), headerBytes(headers));
    if (encoded instanceof Encoded.TooLarge) {
      // Only the raw bytes of an undecodable record can make a dead letter this large: keep the
      // context, drop the bytes (the source offset still finds them).
      record.setRawValue(null);
      record.setErrorMessage(
          record.getErrorMessage() + " (raw value dropped: the dead letter would be too large)");
      encoded = encoder.deadLetter(record, keyBytes(input), headerBytes(headers));
    }
    if (encoded instanceof Encoded.Bytes bytes) {
      forward(Route.DEAD_LETTER, input, bytes.value(), headers, nowMs);
      metrics.recordDeadLetter(errorClass);
      metrics.recordDeadLetterSample(
          reason.name(),
          errorClass,
          input.source().key(),
          input.event() == null ? null : input.event().getIdentifier());
      return Result.WRITTEN;
    }
    if (encoded instanceof Encoded.TooLarge tooLarge) {
      throw new IllegalStateException(
          "a dead letter without raw bytes is "
              + tooLarge.bytes()
              + " bytes, over the limit of "
              + tooLarge.limit());
    }
    return Result.REGISTRY_UNAVAILABLE;
  }

  private void forward(Route route, InputEvent input, byte[] value, Headers headers, long nowMs) {
    sink.forward(route, input.source().key(), value, headers);
    metrics.recordOut(
        route, topics.of(route), Duration.ofMillis(Math.max(0, nowMs - input.eventTimeMs())));
  }

  private static Headers headers(RecordSource source) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        SOURCE_HEADER,
        (source.partition() + "/" + source.offset()).getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static int headerBytes(Headers headers) {
    int bytes = 0;
    for (var header : headers) {
      bytes += header.key().length() + (header.value() == null ? 0 : header.value().length) + 8;
    }
    return bytes;
  }

  private static int keyBytes(InputEvent input) {
    return input.source().key() == null ? 0 : input.source().key().length;
  }
}
