package io.personenricher.batching;

import io.personenricher.client.IdentifierKind;
import io.personenricher.intake.ValidIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 *
 * <p>A class rather than a record: every event makes a new key and looks it up in several hash
 * maps, and a record's generated {@code hashCode} walks the fields list on each call (through
 * method handles that the JIT does not always inline: 26 % of the API path's stream-thread samples
 * in the 2026-12-04 profile). This one computes its hash once, and its text form on first use.
 */
public final class GroupKey {

  private final IdentifierKind kind;
  private final List<String> fields;
  private final Double minSimilarityScore;
  private final boolean live;
  private final int hash;

  /** The text form, made on first use (a benign race: any thread makes the same string). */
  private String text;

  public GroupKey(
      IdentifierKind kind, List<String> fields, Double minSimilarityScore, boolean live) {
    if (live && kind != IdentifierKind.PROFILE_URL) {
      throw new IllegalArgumentException("live enrich takes profile URLs only");
    }
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fields = List.copyOf(fields);
    this.minSimilarityScore = kind == IdentifierKind.PROFILE_URL ? null : minSimilarityScore;
    this.live = live;
    this.hash =
        ((kind.hashCode() * 31 + this.fields.hashCode()) * 31
                    + Objects.hashCode(this.minSimilarityScore))
                * 31
            + Boolean.hashCode(live);
  }

  /** A group of the indexed dataset. */
  public GroupKey(IdentifierKind kind, List<String> fields, Double minSimilarityScore) {
    this(kind, fields, minSimilarityScore, false);
  }

  public IdentifierKind kind() {
    return kind;
  }

  public List<String> fields() {
    return fields;
  }

  public Double minSimilarityScore() {
    return minSimilarityScore;
  }

  public boolean live() {
    return live;
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
    String encoded = text;
    if (encoded == null) {
      encoded = textOf();
      text = encoded;
    }
    return encoded;
  }

  private String textOf() {
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

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof GroupKey that
        && hash == that.hash
        && kind == that.kind
        && live == that.live
        && Objects.equals(minSimilarityScore, that.minSimilarityScore)
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "GroupKey[kind="
        + kind
        + ", fields="
        + fields
        + ", minSimilarityScore="
        + minSimilarityScore
        + ", live="
        + live
        + "]";
  }
}
