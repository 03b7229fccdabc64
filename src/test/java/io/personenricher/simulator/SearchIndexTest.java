package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index is an oracle's copy of the records: every filterable field, read from the columns,
 * equals the values of the same path in the person's search profile.
 */
class SearchIndexTest {

  private static final SyntheticPeople PEOPLE = new SyntheticPeople(5, 1_500);
  private static final SearchIndex INDEX = new SearchIndex(PEOPLE);
  private static final SearchProfiles PROFILES = new SearchProfiles(PEOPLE);

  /** The fields that are not one path of the record, as the paths they combine. */
  private static final Map<SearchField, List<String>> COMBINED =
      Map.of(
          SearchField.ANY_TITLE,
          List.of(
              "experience.employment_details.current.title",
              "experience.employment_details.past.title"),
          SearchField.ANY_COMPANY,
          List.of(
              "experience.employment_details.current.company_name",
              "experience.employment_details.past.company_name"));

  @Test
  void everyFieldReadsTheValuesTheRecordCarries() {
    for (int i = 0; i < PEOPLE.size(); i++) {
      ObjectNode profile = PROFILES.profile(i, List.of());
      for (SearchField field : SearchField.values()) {
        List<String> expected = new ArrayList<>();
        for (String path : COMBINED.getOrDefault(field, List.of(field.path()))) {
          leaves(profile, path.split("\\."), 0, expected);
        }
        List<String> actual =
            Arrays.stream(field.values(INDEX, i)).map(SearchIndexTest::text).toList();
        assertThat(actual).as("%s of person %d", field.path(), i).isEqualTo(expected);
      }
    }
  }

  @Test
  void theSortKeysMatchTheRecordToo() {
    for (int i : new int[] {0, 17, 1_499}) {
      ObjectNode profile = PROFILES.profile(i, List.of());
      assertThat(INDEX.personId(i)).isEqualTo(profile.get("crustdata_person_id").asLong());
      assertThat(INDEX.companyId(i))
          .isEqualTo(
              profile.at("/experience/employment_details/current/0/crustdata_company_id").asInt());
      assertThat(INDEX.currentStartDate(i))
          .isEqualTo(profile.at("/experience/employment_details/current/0/start_date").asText());
    }
  }

  private static String text(Object value) {
    return value instanceof Double d ? Long.toString(d.longValue()) : value.toString();
  }

  private static void leaves(JsonNode node, String[] path, int depth, List<String> out) {
    if (node.isArray()) {
      node.forEach(e -> leaves(e, path, depth, out));
    } else if (depth == path.length) {
      out.add(node.asText());
    } else if (node.has(path[depth])) {
      leaves(node.get(path[depth]), path, depth + 1, out);
    }
  }
}
