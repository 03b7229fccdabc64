package io.personenricher.reuse;

import io.personenricher.client.EnrichEntry;
import java.util.List;

/**
 * The credits an answer would have cost had it been bought again (spec §6, OLD revision): 1 per
 * matched profile, plus each add-on the request's {@code fields} ask for (+1 business email, +2
 * personal email, +2 phone, +1 developer platform), at most 7 per profile; no match costs nothing.
 * An estimate: the API charges an add-on only when its data is present.
 *
 * <p>To be unified with the credit budget's estimate when both land.
 */
public final class CreditEstimate {

  private CreditEstimate() {}

  /** The credits one matched profile costs with these {@code fields} (empty: the base profile). */
  public static double perProfile(List<String> fields) {
    double credits = 1;
    credits += asks(fields, "contact.business_emails") ? 1 : 0;
    credits += asks(fields, "contact.personal_emails") ? 2 : 0;
    credits += asks(fields, "contact.phone_numbers") ? 2 : 0;
    credits += asks(fields, "dev_platform_profiles") ? 1 : 0;
    return credits;
  }

  /** What buying {@code answer} again would cost. */
  public static double of(EnrichEntry answer, List<String> fields) {
    return answer.matches().size() * perProfile(fields);
  }

  /** Whether {@code fields} ask for {@code path}: the path itself, a parent or a part of it. */
  private static boolean asks(List<String> fields, String path) {
    return fields.stream()
        .anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || path.startsWith(f + "."));
  }
}
