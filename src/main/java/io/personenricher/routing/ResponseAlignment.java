package io.personenricher.routing;

import io.personenricher.client.EnrichEntry;
import io.personenricher.client.IdentifierKind;
import io.personenricher.client.Identifiers;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a response can be split back by position: entry i must answer identifier i. The API
 * documents positional order, but its own guidance is to join on {@code matched_on}; we require
 * both, so a person is never assigned to the wrong key.
 */
public final class ResponseAlignment {

  private ResponseAlignment() {}

  /**
   * Why the response cannot be split, or empty when every entry lines up.
   *
   * @param sent the identifiers in request order, as sent
   */
  public static Optional<String> misalignment(
      IdentifierKind kind, List<String> sent, List<EnrichEntry> entries) {
    if (entries.size() != sent.size()) {
      return Optional.of(
          "response has " + entries.size() + " entries for " + sent.size() + " identifiers");
    }
    for (int i = 0; i < sent.size(); i++) {
      String echoed = entries.get(i).matchedOn();
      if (echoed == null) {
        return Optional.of("entry " + i + " has no matched_on");
      }
      String expected = sent.get(i);
      if (!Identifiers.sameIdentifier(kind, expected, echoed)) {
        return Optional.of(
            "entry "
                + i
                + " answers '"
                + echoed
                + "' but identifier "
                + i
                + " is '"
                + expected
                + "'");
      }
    }
    return Optional.empty();
  }
}
