package io.personenricher.credits;

import io.personenricher.client.EnrichRequest;
import io.personenricher.quota.Endpoint;
import java.util.List;

/**
 * The API's prices (spec §6, the pricing table this project is built on), as a pure function of a
 * request's endpoint and {@code fields}:
 *
 * <ul>
 *   <li>{@code /person/enrich}: 1 credit per matched profile (the base profile: identity, role,
 *       experience, education, social handles, ...), +1 when business emails are asked for, +2
 *       personal emails, +2 phone numbers, +1 developer platform profiles; at most 7. A field asks
 *       for an add-on when it names it, a path inside it, or the group it is in ({@code contact}
 *       asks for all three contact add-ons). Without {@code fields} the API returns its default
 *       groups ({@code basic_profile}, {@code social_handles}): 1 credit.
 *   <li>{@code /person/contact/enrich}: 1 plus one per contact field asked for (all four when
 *       {@code fields} is empty).
 *   <li>{@code /person/professional_network/enrich/live}: 7 per profile.
 *   <li>{@code /person/search}: 0.03 per result.
 * </ul>
 *
 * <p>A no-match costs nothing (spec §6, inferred), so an estimate is an upper bound: what the
 * request costs when every identifier matches one profile. An email reverse lookup may return
 * several candidates, each charged; the settled amount ({@code x-credits-used}) then exceeds the
 * estimate, which the cost-ratio metric shows. The simulator charges by the same table ({@code
 * PriceListAgreesWithSimulatorTest}).
 *
 * <p>Threading notes: stateless.
 */
public final class PriceList {

  /** The most one enriched profile costs. */
  public static final double MAX_PER_PROFILE = 7;

  public static final double LIVE_PER_PROFILE = 7;
  public static final double SEARCH_PER_RESULT = 0.03;

  private static final List<String> CONTACT_FIELDS =
      List.of(
          "contact.business_emails",
          "contact.personal_emails",
          "contact.phone_numbers",
          "contact.websites");

  private PriceList() {}

  /** The estimate of one enrich request (any of the three lookup endpoints). */
  public static CostEstimate estimate(EnrichRequest request) {
    return new CostEstimate(
        request.endpoint(), request.size(), perProfile(request.endpoint(), request.fields()));
  }

  /** The estimate of a search page of at most {@code limit} results. */
  public static CostEstimate search(int limit) {
    return new CostEstimate(Endpoint.SEARCH, limit, SEARCH_PER_RESULT);
  }

  /**
   * The price of one matched profile (or search result) at {@code endpoint} with {@code fields}.
   */
  public static double perProfile(Endpoint endpoint, List<String> fields) {
    return switch (endpoint) {
      case ENRICH -> enrich(fields);
      case CONTACT_ENRICH ->
          1 + (fields.isEmpty() ? CONTACT_FIELDS.size() : fields.stream().distinct().count());
      case LIVE_ENRICH -> LIVE_PER_PROFILE;
      case SEARCH -> SEARCH_PER_RESULT;
    };
  }

  private static double enrich(List<String> fields) {
    double credits = 1;
    credits += asks(fields, "contact.business_emails") ? 1 : 0;
    credits += asks(fields, "contact.personal_emails") ? 2 : 0;
    credits += asks(fields, "contact.phone_numbers") ? 2 : 0;
    credits += asks(fields, "dev_platform_profiles") ? 1 : 0;
    return Math.min(MAX_PER_PROFILE, credits);
  }

  // Priced for every reused answer: no streams, no string building.
  private static boolean asks(List<String> fields, String path) {
    for (String field : fields) {
      if (field.equals(path) || isWithin(field, path) || isWithin(path, field)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code path} names a field inside {@code section} ({@code section.}...). */
  private static boolean isWithin(String path, String section) {
    return path.length() > section.length()
        && path.charAt(section.length()) == '.'
        && path.startsWith(section);
  }
}
