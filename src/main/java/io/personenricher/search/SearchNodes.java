package io.personenricher.search;

import java.util.Objects;

/**
 * The search processor's three children (sink node names): the found people (to the input topic),
 * the results, and the dead letters.
 */
public record SearchNodes(String peopleNode, String resultNode, String deadLetterNode) {

  public SearchNodes {
    Objects.requireNonNull(peopleNode, "peopleNode");
    Objects.requireNonNull(resultNode, "resultNode");
    Objects.requireNonNull(deadLetterNode, "deadLetterNode");
  }
}
