package io.personenricher.search;

/**
 * Names of the search processor's state stores. They name the changelog topics too, so changing one
 * orphans the state of every running instance: add a new name (and a migration) instead.
 */
public final class SearchStores {
  public static final String REQUESTS = "enricher-search-requests-v1";
  public static final String FOUND = "enricher-search-found-v1";

  private SearchStores() {}
}
