package io.personenricher.routing;

import io.personenricher.metrics.EnricherMetrics.Route;

/** The names of the three output topics, as the router labels its metrics and encodes subjects. */
public record OutputTopics(String enriched, String unmatched, String deadLetter) {

  public String of(Route route) {
    return switch (route) {
      case ENRICHED -> enriched;
      case UNMATCHED -> unmatched;
      case DEAD_LETTER -> deadLetter;
    };
  }
}
