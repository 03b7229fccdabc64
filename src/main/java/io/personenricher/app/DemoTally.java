package io.personenricher.app;

import io.personenricher.model.avro.BasicProfile;
import io.personenricher.model.avro.DeadLetter;
import io.personenricher.model.avro.EnrichedPerson;
import io.personenricher.model.avro.PersonMatch;
import io.personenricher.model.avro.UnmatchedIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the demo has seen on the three output topics: counts per route, the reasons of unmatched and
 * dead-lettered events, keys that got more than one output (should stay empty: exactly once), and a
 * few enriched records to show. Rendered as the demo's progress line and final summary.
 *
 * <p>Threading notes: one thread (the demo's watcher loop).
 */
final class DemoTally {

  private static final int SAMPLES = 3;

  private final Set<String> keys = new HashSet<>();
  private final Set<String> duplicateKeys = new HashSet<>();
  private long enriched;
  private long unmatched;
  private long deadLettered;
  private final Map<String, Long> unmatchedReasons = new TreeMap<>();
  private final Map<String, Long> deadLetterReasons = new TreeMap<>();
  private final List<String> samples = new ArrayList<>();

  void add(String key, Object value) {
    if (!keys.add(key)) {
      duplicateKeys.add(key);
    }
    if (value instanceof EnrichedPerson person) {
      enriched++;
      if (samples.size() < SAMPLES) {
        samples.add(describe(key, person));
      }
    } else if (value instanceof UnmatchedIdentifier u) {
      unmatched++;
      unmatchedReasons.merge(u.getReason().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
    } else if (value instanceof DeadLetter d) {
      deadLettered++;
      deadLetterReasons.merge(d.getErrorClass(), 1L, Long::sum);
    }
  }

  long outputs() {
    return enriched + unmatched + deadLettered;
  }

  int distinctKeys() {
    return keys.size();
  }

  Set<String> duplicateKeys() {
    return duplicateKeys;
  }

  long enriched() {
    return enriched;
  }

  long unmatched() {
    return unmatched;
  }

  long deadLettered() {
    return deadLettered;
  }

  List<String> samples() {
    return samples;
  }

  /** {@code enriched 120 | unmatched 40 | dead-lettered 9} */
  String counts() {
    return String.format(
        Locale.ROOT,
        "enriched %d | unmatched %d | dead-lettered %d",
        enriched,
        unmatched,
        deadLettered);
  }

  String unmatchedReasons() {
    return reasons(unmatchedReasons);
  }

  String deadLetterReasons() {
    return reasons(deadLetterReasons);
  }

  private static String reasons(Map<String, Long> byReason) {
    return byReason.isEmpty()
        ? "-"
        : byReason.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  static String describe(String key, EnrichedPerson person) {
    StringBuilder text =
        new StringBuilder(key)
            .append("  ")
            .append(person.getInput().getIdentifier())
            .append("  ->  ");
    PersonMatch best = person.getMatches().isEmpty() ? null : person.getMatches().get(0);
    BasicProfile profile = best == null ? null : best.getBasicProfile();
    if (profile == null) {
      text.append("(no basic_profile returned)");
    } else {
      text.append(profile.getName() == null ? "(unnamed)" : profile.getName());
      if (profile.getCurrentTitle() != null) {
        text.append(", ").append(profile.getCurrentTitle());
      }
      if (profile.getLocation() != null) {
        text.append(" (").append(profile.getLocation()).append(")");
      }
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  confidence %.2f, %d match(es)",
            person.getBestConfidenceScore(),
            person.getMatches().size()));
    return text.toString();
  }
}
