package io.personenricher.intake;

import io.personenricher.client.IdentifierKind;
import java.util.List;

/**
 * An identifier that passed local validation and may be sent to the API.
 *
 * @param kind which API list it belongs to
 * @param value the identifier exactly as the caller sent it (trimmed of surrounding blanks only);
 *     sent and echoed
 * @param normalized the form used for grouping and de-duplication (lower-case email, canonical
 *     profile URL)
 * @param fields the requested person_data sections, sorted and de-duplicated; empty means the API
 *     default
 * @param minSimilarityScore the effective threshold (the event's, else the configured default), or
 *     null
 */
public record ValidIdentifier(
    IdentifierKind kind,
    String value,
    String normalized,
    List<String> fields,
    Double minSimilarityScore) {
  public ValidIdentifier {
    fields = List.copyOf(fields);
  }
}
