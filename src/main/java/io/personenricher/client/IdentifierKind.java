package io.personenricher.client;

/**
 * The two identifier kinds the Person Enrich API accepts. A request carries exactly one kind, under
 * the request field {@link #requestField()}, and each response entry names it as {@link
 * #matchType()}.
 */
public enum IdentifierKind {
  BUSINESS_EMAIL("business_emails", "business_email"),
  PROFILE_URL("professional_network_profile_urls", "professional_network_profile_url");

  private final String requestField;
  private final String matchType;

  IdentifierKind(String requestField, String matchType) {
    this.requestField = requestField;
    this.matchType = matchType;
  }

  /** The JSON array field of the request body that carries identifiers of this kind. */
  public String requestField() {
    return requestField;
  }

  /** The {@code match_type} value the API reports for entries of this kind. */
  public String matchType() {
    return matchType;
  }
}
