package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * A validated person lookup (enrich and its siblings): steps 6 and 7 of spec §4.4.
 *
 * @param batch the identifiers
 * @param fields the requested {@code fields}, empty for the default
 * @param minScore {@code min_similarity_score}, or null when absent
 * @param preview {@code preview}: a 0-credit answer (enrich)
 * @param verified {@code verified}: deliverable emails only (contact enrich)
 */
record LookupRequest(
    IdentifierBatch batch,
    List<String> fields,
    Double minScore,
    boolean preview,
    boolean verified) {

  LookupRequest {
    fields = List.copyOf(fields);
  }

  /**
   * Reads and validates {@code body}: identifiers by {@code rules}, then {@code
   * min_similarity_score} (0 to 1), then {@code fields} against {@code vocabulary}; the first
   * violation is a 400. {@code force_fetch}, {@code enrich_realtime} and unknown keys are ignored.
   */
  static LookupRequest read(
      ObjectNode body, IdentifierRules rules, FieldVocabulary vocabulary, Set<String> rejected) {
    IdentifierBatch batch = rules.read(body, rejected);
    Double minScore = null;
    JsonNode min = body.get("min_similarity_score");
    if (min != null && !min.isNull()) {
      if (!min.isNumber() || min.asDouble() < 0 || min.asDouble() > 1) {
        throw ApiRejection.invalidRequest("min_similarity_score must be a number between 0 and 1.");
      }
      minScore = min.asDouble();
    }
    boolean preview = body.path("preview").asBoolean(false);
    boolean verified = body.path("verified").asBoolean(false);
    List<String> fields = FieldsParameter.read(body);
    vocabulary.requireSupported(fields);
    return new LookupRequest(batch, fields, minScore, preview, verified);
  }
}
