package io.personenricher.batching;

import io.personenricher.metrics.EnricherMetrics.Route;
import io.personenricher.routing.OutputTopics;

/**
 * The processor's three children (sink node names) and the topics behind them, so the processor
 * forwards by name and labels its metrics without knowing how the topology was wired.
 */
public record OutputNodes(
    String enrichedNode, String unmatchedNode, String deadLetterNode, OutputTopics topics) {

  public String node(Route route) {
    return switch (route) {
      case ENRICHED -> enrichedNode;
      case UNMATCHED -> unmatchedNode;
      case DEAD_LETTER -> deadLetterNode;
    };
  }
}
