package io.personenricher.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of the rule that pairs a response's entries with the request's identifiers.
 *
 * <p>The contract: a usable answer has exactly one entry per identifier, and the entry for
 * identifier i echoes it in {@code matched_on}, exactly or in a normalised spelling ({@link
 * Identifiers#sameIdentifier}). The API documents positional order, but its own guidance is to join
 * on {@code matched_on}; so {@link #align} puts entries into request order by their echo (and fails
 * rather than guesses when they do not pair one to one), and {@link #misalignment} checks that a
 * list already claimed to be in request order really is, so a person is never assigned to the wrong
 * key whatever produced the list.
 */
public final class ResponseAlignment {

  private ResponseAlignment() {}

  /**
   * The entries in request order, paired by their echo; null when they do not pair one to one.
   *
   * @param inputs the identifiers as sent, in request order
   */
  public static List<EnrichEntry> align(
      IdentifierKind kind, List<String> inputs, List<EnrichEntry> entries) {
    if (entries.size() != inputs.size()) {
      return null;
    }
    if (misalignment(kind, inputs, entries).isEmpty()) {
      return entries;
    }
    List<EnrichEntry> remaining = new ArrayList<>(entries);
    List<EnrichEntry> ordered = new ArrayList<>(inputs.size());
    for (String input : inputs) {
      EnrichEntry found = null;
      for (EnrichEntry candidate : remaining) {
        if (Identifiers.sameIdentifier(kind, input, candidate.matchedOn())) {
          found = candidate;
          break;
        }
      }
      if (found == null) {
        return null;
      }
      remaining.remove(found);
      ordered.add(found);
    }
    return ordered;
  }

  /**
   * Why {@code entries} are not the answers to {@code sent} in order, or empty when entry i answers
   * identifier i for every i.
   */
  public static Optional<String> misalignment(
      IdentifierKind kind, List<String> sent, List<EnrichEntry> entries) {
    if (entries.size() != sent.size()) {
      return Optional.of(
          "response has " + entries.size() + " entries for " + sent.size() + " identifiers");
    }
    for (int i = 0; i < sent.size(); i++) {
      String echoed = entries.get(i).matchedOn();
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
