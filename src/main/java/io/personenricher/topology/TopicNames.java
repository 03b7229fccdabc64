package io.personenricher.topology;

import java.util.Objects;

/**
 * The four topics of the processor. Built once from config; the topology never spells a topic name
 * itself.
 *
 * @param input identifier events ({@code enricher.topic.input})
 * @param enriched matched people ({@code enricher.topic.enriched})
 * @param unmatched identifiers with no match at or above the threshold ({@code
 *     enricher.topic.unmatched})
 * @param deadLetter events that cannot be enriched, with the reason ({@code
 *     enricher.topic.dead.letter})
 */
public record TopicNames(String input, String enriched, String unmatched, String deadLetter) {

  public TopicNames {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(enriched, "enriched");
    Objects.requireNonNull(unmatched, "unmatched");
    Objects.requireNonNull(deadLetter, "deadLetter");
  }

  /** The documented defaults. */
  public static TopicNames defaults() {
    return new TopicNames(
        "person.identifiers", "person.enriched", "person.unmatched", "person.enrich.dlq");
  }
}
