package io.personenricher.simulator;

import io.personenricher.text.EditDistance;
import java.util.Locale;

/**
 * How much a mailbox's local part looks like a person's name: the score behind an email reverse
 * lookup's candidates.
 *
 * <p>Threading notes: stateless.
 */
final class MailboxSimilarity {

  private MailboxSimilarity() {}

  /**
   * Best similarity (0 to 1) of a mailbox to the usual patterns built from a name (janedoe, jdoe,
   * jane, doejane, janed).
   */
  static double toName(String local, String first, String last) {
    String f = first.toLowerCase(Locale.ROOT);
    String l = last.toLowerCase(Locale.ROOT);
    String[] patterns = {f + l, f.charAt(0) + l, f, l + f, f + l.charAt(0)};
    double best = 0;
    for (String pattern : patterns) {
      int distance = EditDistance.levenshtein(local, pattern);
      best = Math.max(best, 1.0 - (double) distance / Math.max(local.length(), pattern.length()));
    }
    return best;
  }

  /** The ASCII lower-case letters of {@code s}, in order ({@code j.doe2} gives {@code jdoe}). */
  static String lettersOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        b.append(c);
      }
    }
    return b.toString();
  }
}
