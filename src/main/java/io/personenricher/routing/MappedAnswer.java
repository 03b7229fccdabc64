package io.personenricher.routing;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import io.personenricher.client.PersonMatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An API answer in the output contract's form: each candidate mapped onto its typed sections once,
 * when the answer arrives, however many events it then answers ({@link EncodedMatch}). Reused
 * answers are stored in this form too ({@code AnswerCodec}), so answering an event from an earlier
 * answer parses no JSON, maps nothing and decodes no candidate.
 *
 * @param matchedOn the identifier as the API echoed it
 * @param matchType {@code business_email} or {@code professional_network_profile_url}
 * @param matches the candidates in the API's order; empty when nothing matched
 */
public record MappedAnswer(String matchedOn, String matchType, List<EncodedMatch> matches) {

  public MappedAnswer {
    Objects.requireNonNull(matchedOn, "matchedOn");
    Objects.requireNonNull(matchType, "matchType");
    matches = List.copyOf(matches);
  }

  /** Maps every candidate of an API entry. */
  public static MappedAnswer of(EnrichEntry entry) {
    List<EncodedMatch> mapped = new ArrayList<>(entry.matches().size());
    for (PersonMatchResult match : entry.matches()) {
      mapped.add(EncodedMatch.of(PersonDataMapper.toPersonMatch(match)));
    }
    return new MappedAnswer(entry.matchedOn(), entry.matchType(), mapped);
  }

  /** An answer with no candidates, as for a 404 ("no data") answer. */
  public static MappedAnswer noMatch(String identifier, IdentifierKind kind) {
    return new MappedAnswer(identifier, kind.matchType(), List.of());
  }
}
