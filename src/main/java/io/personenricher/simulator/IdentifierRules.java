package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step 6 of spec §4.4: the identifier rules of a lookup endpoint. Exactly one accepted kind, 1 to
 * 25 strings, each well-formed; otherwise the <em>whole</em> request fails with 400 (spec §2.2).
 *
 * <p>Threading notes: immutable.
 */
final class IdentifierRules {

  static final int MAX_IDENTIFIERS = 25;

  private final Set<IdentifierKind> accepted;
  private final boolean rejectMalformedEmails;

  /**
   * @param accepted the kinds this endpoint takes
   * @param rejectMalformedEmails true: an invalid email fails the request (spec §2.2 default);
   *     false: it is looked up and matches nobody
   */
  IdentifierRules(Set<IdentifierKind> accepted, boolean rejectMalformedEmails) {
    this.accepted = EnumSet.copyOf(accepted);
    this.rejectMalformedEmails = rejectMalformedEmails;
  }

  /**
   * The batch in {@code body}, or a 400. {@code rejected} values fail the request too (the injected
   * fault that lets a caller's bisection be tested).
   */
  IdentifierBatch read(ObjectNode body, Set<String> rejected) {
    List<IdentifierKind> present = new ArrayList<>();
    for (IdentifierKind kind : IdentifierKind.values()) {
      if (body.hasNonNull(kind.field())) {
        present.add(kind);
      }
    }
    for (IdentifierKind kind : present) {
      if (!accepted.contains(kind)) {
        throw ApiRejection.invalidRequest(
            kind.field() + " is not accepted here; provide " + acceptedFields() + ".");
      }
    }
    if (present.size() > 1) {
      throw ApiRejection.invalidRequest(
          "Provide only one identifier type per request: " + acceptedFields() + ".");
    }
    if (present.isEmpty()) {
      throw ApiRejection.invalidRequest(exactlyOne());
    }
    IdentifierKind kind = present.get(0);
    JsonNode values = body.get(kind.field());
    if (!values.isArray() || !allText(values)) {
      throw ApiRejection.invalidRequest(kind.field() + " must be an array of strings.");
    }
    if (values.isEmpty()) {
      throw ApiRejection.invalidRequest(exactlyOne());
    }
    if (values.size() > MAX_IDENTIFIERS) {
      throw ApiRejection.invalidRequest("A maximum of 25 identifiers is allowed per request.");
    }
    List<String> identifiers = new ArrayList<>();
    values.forEach(v -> identifiers.add(v.asText()));
    for (String id : identifiers) {
      if (kind == IdentifierKind.PROFILE_URL && !kind.wellFormed(id)) {
        throw ApiRejection.invalidRequest("Invalid professional network profile URL: '" + id + "'");
      }
      if (kind == IdentifierKind.BUSINESS_EMAIL && rejectMalformedEmails && !kind.wellFormed(id)) {
        throw ApiRejection.invalidRequest("Invalid business email: '" + id + "'");
      }
      if (rejected.contains(id)) {
        throw ApiRejection.invalidRequest("Invalid identifier: '" + id + "'");
      }
    }
    return new IdentifierBatch(kind, identifiers);
  }

  private String exactlyOne() {
    return accepted.size() == 1
        ? acceptedFields() + " must be provided."
        : "Exactly one of " + acceptedFields() + " must be provided.";
  }

  private String acceptedFields() {
    return accepted.stream().map(IdentifierKind::field).collect(Collectors.joining(" or "));
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
