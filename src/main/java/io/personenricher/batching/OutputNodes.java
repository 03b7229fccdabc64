package io.personenricher.batching;

/**
 * The processor's three children (sink node names) and the topics behind them, so the processor
 * forwards by name and labels its metrics without knowing how the topology was wired.
 */
public record OutputNodes(
    String enrichedNode,
    String enrichedTopic,
    String unmatchedNode,
    String unmatchedTopic,
    String deadLetterNode,
    String deadLetterTopic) {}
