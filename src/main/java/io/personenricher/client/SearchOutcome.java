package io.personenricher.client;

import java.util.List;

/**
 * What one {@code POST /person/search} call came to: a page, or a failure in the vocabulary every
 * endpoint shares ({@link EnrichOutcome.Rejected} for a 400 with the API's message, {@link
 * EnrichOutcome.Retriable}, {@link EnrichOutcome.Fatal}).
 */
public sealed interface SearchOutcome {

  /**
   * A page of results.
   *
   * @param profileUrls the profile URL of each returned profile that has one, in result order
   * @param profiles how many profiles the page held (a profile without a URL is counted here only)
   * @param nextCursor the cursor of the next page; null when this page is the last
   * @param totalCount the API's {@code total_count}, or null when it sent none
   * @param creditsUsed the {@code x-credits-used} header, or null when absent
   */
  record Page(
      List<String> profileUrls,
      int profiles,
      String nextCursor,
      Long totalCount,
      Double creditsUsed,
      int httpStatus)
      implements SearchOutcome {
    public Page {
      profileUrls = List.copyOf(profileUrls);
    }
  }

  /**
   * The call failed.
   *
   * @param failure a {@link EnrichOutcome.Rejected}, {@link EnrichOutcome.Retriable} or {@link
   *     EnrichOutcome.Fatal}
   */
  record Failed(EnrichOutcome failure) implements SearchOutcome {
    public Failed {
      if (failure instanceof EnrichOutcome.Success) {
        throw new IllegalArgumentException("a success is no failure");
      }
    }
  }
}
