package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Person Enrich's prices (spec §6, OLD revision): 1 base credit per matched profile, +1 business
 * email, +2 personal email, +2 phone, +1 developer platform; at most 7. An add-on is charged only
 * when its data is in the answer; the 402 check assumes every add-on that was asked for.
 *
 * <p>Threading notes: stateless.
 */
final class EnrichPricing {

  static final double MAX_PER_PROFILE = 7;

  private EnrichPricing() {}

  /** What one returned {@code person_data} costs. */
  static double profileCredits(ObjectNode data) {
    double credits = 1;
    JsonNode contact = data.path("contact");
    credits += nonEmpty(contact.path("business_emails")) ? 1 : 0;
    credits += nonEmpty(contact.path("personal_emails")) ? 2 : 0;
    credits += nonEmpty(contact.path("phone_numbers")) ? 2 : 0;
    credits += nonEmpty(data.path("dev_platform_profiles")) ? 1 : 0;
    return credits;
  }

  /** The most one matched profile can cost with these {@code fields}. */
  static double worstCasePerProfile(List<String> fields, boolean allFieldsByDefault) {
    if (fields.isEmpty()) {
      return allFieldsByDefault ? MAX_PER_PROFILE : 1;
    }
    double credits = 1;
    credits += asks(fields, "contact.business_emails") ? 1 : 0;
    credits += asks(fields, "contact.personal_emails") ? 2 : 0;
    credits += asks(fields, "contact.phone_numbers") ? 2 : 0;
    credits += asks(fields, "dev_platform_profiles") ? 1 : 0;
    return credits;
  }

  private static boolean asks(List<String> fields, String path) {
    return fields.stream()
        .anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || path.startsWith(f + "."));
  }

  static boolean nonEmpty(JsonNode node) {
    return node.isArray() && !node.isEmpty();
  }
}
