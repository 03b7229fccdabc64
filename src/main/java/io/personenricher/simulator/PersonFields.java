package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code fields} vocabulary of Person Enrich and the projection of a full {@code person_data}
 * onto it.
 *
 * <p>Rules (spec §3.3): a group name ({@code basic_profile}) expands to its whole subtree; a dotted
 * path ({@code basic_profile.summary}, {@code experience.employment_details.current.company_name})
 * keeps only that leaf inside its section (through arrays, element by element); the response always
 * carries the default groups ({@code basic_profile}, {@code social_handles}) and {@code
 * crustdata_person_id}. Anything else is unsupported.
 *
 * <p>Threading notes: immutable after construction.
 */
final class PersonFields {

  /**
   * The section groups of the 2025-11-01 vocabulary, plus the OLD revision's {@code contact} and
   * metadata.
   */
  static final List<String> GROUPS =
      List.of(
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
          "contact",
          "metadata");

  static final List<String> DEFAULT_GROUPS = List.of("basic_profile", "social_handles");

  private final FieldVocabulary vocabulary;

  /**
   * Derives the allowed dotted paths from full sample records (their union, since optional leaves
   * such as personal emails exist only for some people), so the list always matches what the
   * dataset can return.
   */
  PersonFields(List<ObjectNode> samples) {
    Set<String> paths = new LinkedHashSet<>(GROUPS);
    for (ObjectNode sample : samples) {
      for (String group : GROUPS) {
        JsonNode section = sample.get(group);
        if (section != null) {
          JsonPaths.collect(group, section, paths);
        }
      }
    }
    vocabulary = new FieldVocabulary(paths);
  }

  /** The selectable {@code fields}: the groups, then every dotted path. */
  FieldVocabulary vocabulary() {
    return vocabulary;
  }

  List<String> available() {
    return vocabulary.available();
  }

  /**
   * Person Enrich's vocabulary, derived from a fixed sample of synthetic people (seed 0): the same
   * whatever dataset is served.
   */
  static PersonFields enrich() {
    SyntheticPeople sample = new SyntheticPeople(0, 500);
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      records.add(sample.personData(i));
    }
    return new PersonFields(records);
  }

  /**
   * Projects a full record. {@code requested} empty means the default: the default groups, or every
   * group when {@code allByDefault}.
   */
  ObjectNode project(ObjectNode full, List<String> requested, boolean allByDefault) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("crustdata_person_id", full.get("crustdata_person_id").deepCopy());
    if (requested.isEmpty() && allByDefault) {
      for (String group : GROUPS) {
        copyGroup(full, out, group);
      }
      return out;
    }
    for (String group : DEFAULT_GROUPS) {
      copyGroup(full, out, group);
    }
    for (String field : requested) {
      int dot = field.indexOf('.');
      if (dot < 0) {
        copyGroup(full, out, field);
      } else {
        String group = field.substring(0, dot);
        if (out.has(group) && isWholeGroup(requested, group)) {
          continue; // the whole section is already there
        }
        JsonNode source = full.get(group);
        if (source == null) {
          continue;
        }
        JsonNode existing = out.get(group);
        JsonNode projected = JsonPaths.project(source, field.substring(dot + 1).split("\\."));
        if (projected != null) {
          out.set(group, existing == null ? projected : JsonPaths.merge(existing, projected));
        }
      }
    }
    return out;
  }

  private static boolean isWholeGroup(List<String> requested, String group) {
    return DEFAULT_GROUPS.contains(group) || requested.contains(group);
  }

  private static void copyGroup(ObjectNode full, ObjectNode out, String group) {
    JsonNode section = full.get(group);
    if (section != null) {
      out.set(group, section.deepCopy());
    }
  }
}
