package io.personenricher.batching;

/**
 * Splits the credits of one response ({@code x-credits-used}) over the events it answered: the API
 * charges per matched profile, so each identifier's share follows its number of matches, and events
 * that carried the same identifier split that share equally.
 */
final class CreditShare {

  private CreditShare() {}

  /**
   * One event's share, or null when the response did not say what it cost.
   *
   * @param creditsUsed the response's {@code x-credits-used}, or null when absent
   * @param entryMatches matches of this event's identifier
   * @param totalMatches matches over every identifier of the response
   * @param members events answered by this identifier (at least 1)
   */
  static Double perEvent(Double creditsUsed, int entryMatches, int totalMatches, int members) {
    if (creditsUsed == null) {
      return null;
    }
    if (totalMatches == 0) {
      return 0.0;
    }
    return creditsUsed * entryMatches / totalMatches / Math.max(1, members);
  }
}
