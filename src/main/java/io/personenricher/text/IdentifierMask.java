package io.personenricher.text;

import java.util.Locale;

/**
 * Masks a person identifier for places a person reads (the status page, operator output), so that
 * an email address or profile URL is recognisable to whoever already knows it but not readable by
 * anyone else: {@code jane.doe@acme.com} becomes {@code j***@acme.com}, {@code
 * https://www.linkedin.com/in/jane-doe-123} becomes {@code linkedin.com/in/ja***}. The company
 * domain stays, since it is what an operator needs to spot a bad batch of one customer.
 */
public final class IdentifierMask {

  /** What replaces the hidden part. */
  public static final String HIDDEN = "***";

  private static final int MAX_SHOWN = 80;
  private static final String PROFILE_MARKER = "linkedin.com/in/";

  private IdentifierMask() {}

  /** The masked form; null stays null, and nothing longer than 80 characters comes back. */
  public static String mask(String identifier) {
    if (identifier == null) {
      return null;
    }
    String value = identifier.strip();
    String masked;
    int at = value.lastIndexOf('@');
    int profile = value.toLowerCase(Locale.ROOT).indexOf(PROFILE_MARKER);
    if (at > 0 && at < value.length() - 1) {
      masked = value.charAt(0) + HIDDEN + value.substring(at);
    } else if (profile >= 0) {
      String slug = value.substring(profile + PROFILE_MARKER.length());
      masked = PROFILE_MARKER + prefix(slug, 2) + HIDDEN;
    } else {
      masked = prefix(value, 2) + HIDDEN;
    }
    return masked.length() <= MAX_SHOWN ? masked : masked.substring(0, MAX_SHOWN - 1) + "…";
  }

  private static String prefix(String value, int shown) {
    // A value as short as the shown part would be printed whole.
    int keep = Math.min(shown, Math.max(0, value.length() - 2));
    return value.substring(0, keep);
  }
}
