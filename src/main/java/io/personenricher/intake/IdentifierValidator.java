package io.personenricher.intake;

import io.personenricher.client.IdentifierKind;
import io.personenricher.client.Identifiers;
import io.personenricher.model.avro.IdentifierEvent;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks and normalises input events locally, so that one malformed identifier never reaches the
 * API, where it would make the whole batch of 25 fail with a 400.
 *
 * <p>The rules are deliberately at least as strict as the API's: a value this class accepts is one
 * the API accepts. Anything it rejects goes to the dead-letter topic with a precise reason.
 */
public final class IdentifierValidator {

  /**
   * Longest identifier accepted; the API has no documented limit, but nothing legitimate is longer.
   */
  public static final int MAX_IDENTIFIER_LENGTH = 512;

  /**
   * The person_data sections the API accepts in {@code fields}, as group names or dotted-path
   * roots.
   */
  public static final Set<String> FIELD_GROUPS =
      Set.of(
          "basic_profile",
          "professional_network",
          "skills",
          "social_handles",
          "experience",
          "education",
          "certifications",
          "honors",
          "dev_platform_profiles",
          "assessment",
          "social_posts",
          "contact");

  private static final Pattern FIELD_PATH = Pattern.compile("^[a-z_]+(\\.[a-z_]+)*$");

  private final Double defaultMinSimilarityScore;

  /**
   * @param defaultMinSimilarityScore threshold for events that carry none; null means no threshold
   */
  public IdentifierValidator(Double defaultMinSimilarityScore) {
    this.defaultMinSimilarityScore = defaultMinSimilarityScore;
  }

  public Validation validate(IdentifierEvent event) {
    if (event.getIdentifierType() == null
        || event.getIdentifierType() == io.personenricher.model.avro.IdentifierType.UNKNOWN) {
      return new Validation.Invalid(
          "unsupported_identifier_type",
          "identifier_type must be BUSINESS_EMAIL or PROFESSIONAL_NETWORK_PROFILE_URL");
    }
    String raw = event.getIdentifier();
    if (raw == null || raw.isBlank()) {
      return new Validation.Invalid("empty_identifier", "identifier is empty");
    }
    String value = raw.strip();
    if (value.length() > MAX_IDENTIFIER_LENGTH) {
      return new Validation.Invalid(
          "identifier_too_long",
          "identifier has "
              + value.length()
              + " characters; at most "
              + MAX_IDENTIFIER_LENGTH
              + " are accepted");
    }
    Double threshold = event.getMinSimilarityScore();
    if (threshold != null && !(threshold >= 0.0 && threshold <= 1.0)) {
      return new Validation.Invalid(
          "invalid_min_similarity_score",
          "min_similarity_score must be within [0, 1], got " + threshold);
    }
    Validation.Invalid badField = checkFields(event.getFields());
    if (badField != null) {
      return badField;
    }
    List<String> fields = canonicalFields(event.getFields());
    Double effectiveThreshold = threshold != null ? threshold : defaultMinSimilarityScore;
    return switch (event.getIdentifierType()) {
      case BUSINESS_EMAIL -> validateEmail(value, fields, effectiveThreshold);
      case PROFESSIONAL_NETWORK_PROFILE_URL ->
          validateProfileUrl(value, fields, effectiveThreshold);
      default -> throw new IllegalStateException("unreachable: " + event.getIdentifierType());
    };
  }

  private static Validation validateEmail(String value, List<String> fields, Double threshold) {
    if (value.length() > 254 || !EmailSyntax.isValid(value)) {
      return new Validation.Invalid(
          "invalid_email",
          "'" + value + "' is not a syntactically valid email address (expected name@company.com)");
    }
    return new Validation.Valid(
        new ValidIdentifier(
            IdentifierKind.BUSINESS_EMAIL,
            value,
            value.toLowerCase(Locale.ROOT),
            fields,
            threshold));
  }

  private static Validation validateProfileUrl(
      String value, List<String> fields, Double threshold) {
    String canonical = Identifiers.canonicalProfileUrl(value);
    if (canonical == null) {
      return new Validation.Invalid(
          "url_not_a_person_profile",
          "'"
              + value
              + "' is not a person profile URL (expected https://www.linkedin.com/in/<slug>,"
              + " without query string or fragment)");
    }
    return new Validation.Valid(
        new ValidIdentifier(IdentifierKind.PROFILE_URL, value, canonical, fields, threshold));
  }

  private static Validation.Invalid checkFields(List<String> fields) {
    if (fields == null) {
      return null;
    }
    for (String field : fields) {
      if (field == null || !FIELD_PATH.matcher(field).matches()) {
        return new Validation.Invalid(
            "unknown_field", "fields entry '" + field + "' is not a section name or dotted path");
      }
      String group = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      if (!FIELD_GROUPS.contains(group)) {
        return new Validation.Invalid(
            "unknown_field",
            "fields entry '"
                + field
                + "' is not a person_data section; available: "
                + new TreeSet<>(FIELD_GROUPS));
      }
    }
    return null;
  }

  private static List<String> canonicalFields(List<String> fields) {
    return fields == null ? List.of() : List.copyOf(new TreeSet<>(fields));
  }
}
