package io.personenricher.batching;

import io.personenricher.client.IdentifierKind;
import io.personenricher.intake.ValidIdentifier;
import java.util.Arrays;
import java.util.List;

/**
 * Which events may share one API request: same identifier kind, same {@code fields}, and (for
 * emails only) the same {@code min_similarity_score}. Profile URLs ignore the threshold at the API,
 * so URL events with different thresholds share requests and the threshold is applied locally.
 *
 * <p>A {@code live} group holds profile URLs the index did not match, on their way to live enrich
 * ({@link LiveFallback}); it is batched like any other, on live enrich's own quota.
 *
 * <p>Its text form is the prefix of every pending-store key, so it must stay stable across
 * releases.
 */
public record GroupKey(
    IdentifierKind kind, List<String> fields, Double minSimilarityScore, boolean live) {

  public GroupKey {
    fields = List.copyOf(fields);
    if (kind == IdentifierKind.PROFILE_URL) {
      minSimilarityScore = null;
    }
    if (live && kind != IdentifierKind.PROFILE_URL) {
      throw new IllegalArgumentException("live enrich takes profile URLs only");
    }
  }

  /** A group of the indexed dataset. */
  public GroupKey(IdentifierKind kind, List<String> fields, Double minSimilarityScore) {
    this(kind, fields, minSimilarityScore, false);
  }

  /** The live enrich group of this group's profile URLs (same fields). */
  public GroupKey liveTwin() {
    return new GroupKey(kind, fields, null, true);
  }

  public static GroupKey of(ValidIdentifier identifier) {
    return new GroupKey(identifier.kind(), identifier.fields(), identifier.minSimilarityScore());
  }

  /** The stable text form: {@code E|0.8|basic_profile,experience}, {@code U||} or {@code L||}. */
  public String encode() {
    String kindCode = kind == IdentifierKind.BUSINESS_EMAIL ? "E" : live ? "L" : "U";
    String threshold = minSimilarityScore == null ? "" : Double.toString(minSimilarityScore);
    return kindCode + "|" + threshold + "|" + String.join(",", fields);
  }

  public static GroupKey decode(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a group key: " + text);
    }
    IdentifierKind kind =
        switch (parts[0]) {
          case "E" -> IdentifierKind.BUSINESS_EMAIL;
          case "U", "L" -> IdentifierKind.PROFILE_URL;
          default -> throw new IllegalArgumentException("not a group key: " + text);
        };
    Double threshold = parts[1].isEmpty() ? null : Double.valueOf(parts[1]);
    List<String> fields = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
    return new GroupKey(kind, fields, threshold, parts[0].equals("L"));
  }
}
