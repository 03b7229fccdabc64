package io.personenricher.routing;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.PersonMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An API answer in the output contract's form: each candidate mapped onto its typed sections once,
 * when the answer arrives, however many events it then answers. Reused answers are stored in this
 * form too ({@code AnswerCodec}), so answering an event from an earlier answer parses no JSON and
 * maps nothing.
 *
 * <p>The {@link PersonMatch} records are shared by every output built from this answer; nothing may
 * change them.
 *
 * @param matchedOn the identifier as the API echoed it
 * @param matchType {@code business_email} or {@code professional_network_profile_url}
 * @param matches the candidates in the API's order; empty when nothing matched
 */
public record MappedAnswer(String matchedOn, String matchType, List<PersonMatch> matches) {

  public MappedAnswer {
    Objects.requireNonNull(matchedOn, "matchedOn");
    Objects.requireNonNull(matchType, "matchType");
    matches = List.copyOf(matches);
  }

  /** Maps every candidate of an API entry. */
  public static MappedAnswer of(EnrichEntry entry) {
    List<PersonMatch> mapped = new ArrayList<>(entry.matches().size());
    for (PersonMatchResult match : entry.matches()) {
      mapped.add(PersonDataMapper.toPersonMatch(match));
    }
    return new MappedAnswer(entry.matchedOn(), entry.matchType(), mapped);
  }

  /** An answer with no candidates, as for a 404 ("no data") answer. */
  public static MappedAnswer noMatch(String identifier, IdentifierKind kind) {
    return new MappedAnswer(identifier, kind.matchType(), List.of());
  }
}
