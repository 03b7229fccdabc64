package io.personenricher.client;

import java.util.List;
import java.util.Objects;

/**
 * One element of a successful response: the answer for the identifier at the same position in the
 * request.
 *
 * @param matchedOn the identifier as the API echoed it
 * @param matchType {@code business_email} or {@code professional_network_profile_url}
 * @param matches candidates in the order returned; empty when nothing matched
 */
public record EnrichEntry(String matchedOn, String matchType, List<PersonMatchResult> matches) {
  public EnrichEntry {
    Objects.requireNonNull(matchedOn, "matchedOn");
    Objects.requireNonNull(matchType, "matchType");
    matches = List.copyOf(matches);
  }

  /** An entry with no candidates, as used for a 404 ("no data") answer. */
  public static EnrichEntry noMatch(String identifier, IdentifierKind kind) {
    return new EnrichEntry(identifier, kind.matchType(), List.of());
  }
}
