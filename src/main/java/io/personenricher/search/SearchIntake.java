package io.personenricher.search;

import io.personenricher.model.avro.DeadLetterReason;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.serde.RegistryOutage;
import io.personenricher.serde.SchemaRegistryException;
import io.personenricher.text.Failures;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a search request record into what the processor does with it, as a function of the bytes
 * and the settings: a request to follow, a refusal (with its dead-letter reason), or a wait for the
 * schema registry. Only what the processor itself must bound is checked here ({@code limit} above
 * {@link SearchSettings#maxResults()}, a blank request id); the API judges the filters, the sorts
 * and a {@code limit} below 1, so its own message reaches the caller.
 *
 * <p>Threading notes: stream thread only (the deserializer is thread-safe).
 */
public final class SearchIntake {

  /** What one record comes to. */
  sealed interface Admission {

    /** A request to follow. */
    record Accepted(PersonSearchRequest request) implements Admission {}

    /**
     * A request (or bytes) that will never be followed.
     *
     * @param request the decoded request, or null for bytes that are none
     */
    record Refused(
        PersonSearchRequest request, DeadLetterReason reason, String errorClass, String message)
        implements Admission {}

    /** The registry could not be asked; the same bytes may decode later. */
    record RegistryUnavailable(String message) implements Admission {}
  }

  private final Deserializer<PersonSearchRequest> deserializer;
  private final SearchSettings settings;

  public SearchIntake(Deserializer<PersonSearchRequest> deserializer, SearchSettings settings) {
    this.deserializer = deserializer;
    this.settings = settings;
  }

  Admission admit(String topic, Headers headers, byte[] value) {
    if (value == null) {
      return refused(null, DeadLetterReason.INVALID_EVENT, "null_value", "the record has no value");
    }
    PersonSearchRequest request;
    try {
      request = deserializer.deserialize(topic, headers, value);
    } catch (RuntimeException e) {
      Optional<SchemaRegistryException> outage = RegistryOutage.causeOf(e);
      if (outage.isPresent()) {
        return new Admission.RegistryUnavailable(outage.get().getMessage());
      }
      return refused(
          null,
          DeadLetterReason.UNDECODABLE,
          "undecodable",
          "not a PersonSearchRequest: " + Failures.describe(e));
    }
    if (request == null) {
      return refused(
          null, DeadLetterReason.INVALID_EVENT, "null_value", "the value decodes to null");
    }
    return validate(request);
  }

  /** The processor's own bounds on a decoded request. */
  Admission validate(PersonSearchRequest request) {
    if (request.getRequestId().isBlank()) {
      return refused(
          request,
          DeadLetterReason.INVALID_EVENT,
          "missing_request_id",
          "request_id is blank: give every search an id, so its outputs can be joined back to it");
    }
    if (SearchQuery.depth(request.getFilters()) > SearchQuery.MAX_FILTER_DEPTH) {
      return refused(
          request,
          DeadLetterReason.INVALID_EVENT,
          "filters_too_deep",
          "the filter tree nests deeper than "
              + SearchQuery.MAX_FILTER_DEPTH
              + " levels: flatten it");
    }
    if (request.getLimit() > settings.maxResults()) {
      return refused(
          request,
          DeadLetterReason.INVALID_EVENT,
          "limit_above_max",
          "limit "
              + request.getLimit()
              + " is above enricher.search.max.results ("
              + settings.maxResults()
              + "): ask for fewer people, or raise the setting");
    }
    return new Admission.Accepted(request);
  }

  private static Admission refused(
      PersonSearchRequest request, DeadLetterReason reason, String errorClass, String message) {
    return new Admission.Refused(request, reason, errorClass, message);
  }
}
