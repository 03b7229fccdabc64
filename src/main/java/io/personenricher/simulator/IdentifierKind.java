package io.personenricher.simulator;

import java.util.regex.Pattern;

/** The two identifier arrays a person lookup takes, with their body field and match type. */
enum IdentifierKind {
  PROFILE_URL("professional_network_profile_urls", "professional_network_profile_url"),
  BUSINESS_EMAIL("business_emails", "business_email");

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final String field;
  private final String matchType;

  IdentifierKind(String field, String matchType) {
    this.field = field;
    this.matchType = matchType;
  }

  /** The request body's array field. */
  String field() {
    return field;
  }

  /** The response entry's {@code match_type}. */
  String matchType() {
    return matchType;
  }

  /** Whether {@code value} is well-formed for this kind, by the API's own rules. */
  boolean wellFormed(String value) {
    return this == PROFILE_URL ? ProfileUrls.slugOf(value) != null : isEmail(value);
  }

  static boolean isEmail(String value) {
    return EMAIL.matcher(value).matches();
  }
}
