package io.personenricher.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profiles Person Search returns and their {@code fields} projection. A search profile is the
 * person's enrich record without contact data (search sells no emails or phones: it carries the
 * response-only flags {@code contact.has_business_email}, {@code has_personal_email}, {@code
 * has_phone_number} instead, spec §3.3), plus the search-only {@code years_of_experience_raw} and
 * {@code recently_changed_jobs}. Without {@code fields} the whole profile is returned; with them,
 * only the requested paths plus {@code crustdata_person_id} and the profile URL, which every result
 * carries so it can be enriched.
 *
 * <p>Threading notes: immutable after construction.
 */
final class SearchProfiles {

  private final SyntheticPeople people;
  private final FieldVocabulary vocabulary;

  SearchProfiles(SyntheticPeople people) {
    this.people = people;
    SyntheticPeople sample = new SyntheticPeople(0, 500);
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < sample.size(); i++) {
      ObjectNode profile = render(sample, i);
      for (Map.Entry<String, JsonNode> top : profile.properties()) {
        paths.add(top.getKey());
        JsonPaths.collect(top.getKey(), top.getValue(), paths);
      }
    }
    vocabulary = new FieldVocabulary(paths);
  }

  /** The selectable {@code fields} of search (also sent in {@code metadata.available_fields}). */
  FieldVocabulary vocabulary() {
    return vocabulary;
  }

  List<String> available() {
    return vocabulary.available();
  }

  /** Person {@code index}'s search profile, projected onto {@code fields} (empty: all). */
  ObjectNode profile(int index, List<String> fields) {
    ObjectNode full = render(people, index);
    if (fields.isEmpty()) {
      return full;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("crustdata_person_id", full.get("crustdata_person_id"));
    for (String field : fields) {
      JsonPaths.copyPath(full, out, field);
    }
    JsonPaths.copyPath(full, out, SearchField.PROFILE_URL);
    return out;
  }

  private static ObjectNode render(SyntheticPeople from, int index) {
    PersonProfile profile = from.profile(index);
    ObjectNode data = PersonRecords.render(profile);
    data.remove("contact");
    ObjectNode contact = data.putObject("contact");
    contact.put("has_business_email", true);
    contact.put("has_personal_email", profile.personalEmail());
    contact.put("has_phone_number", profile.phone());
    data.put("years_of_experience_raw", profile.yearsOfExperience());
    data.put("recently_changed_jobs", profile.recentlyChangedJobs());
    return data;
  }
}
