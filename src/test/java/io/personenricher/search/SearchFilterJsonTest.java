package io.personenricher.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.personenricher.model.avro.SearchFilter;
import org.junit.jupiter.api.Test;

/** The CLI's filter JSON into the request contract and back into what the API is sent. */
class SearchFilterJsonTest {

  @Test
  void aNestedTreeRoundTripsIntoTheJsonTheApiTakes() {
    String json =
        "{\"op\":\"and\",\"conditions\":[{\"field\":\"experience.employment_details.current.title\","
            + "\"type\":\"(.)\",\"value\":\"VP\"},{\"op\":\"or\",\"conditions\":[{\"field\":"
            + "\"basic_profile.location.country\",\"type\":\"in\",\"value\":[\"US\",\"CA\"]},"
            + "{\"field\":\"metadata.updated_at\",\"type\":\"=>\",\"value\":5}]}]}";

    SearchFilter tree = SearchFilterJson.parse(json);

    assertThat(tree.getOp()).isEqualTo("and");
    assertThat(tree.getConditions().get(0).getValue()).isEqualTo("\"VP\"");
    assertThat(SearchQuery.filters(tree).toString()).isEqualTo(json);
    assertThat(SearchQuery.depth(tree)).isEqualTo(3);
  }

  @Test
  void textThatIsNotAFilterIsRefusedNamingWhy() {
    assertThatThrownBy(() -> SearchFilterJson.parse("{nope")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SearchFilterJson.parse("[1]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> SearchFilterJson.parse("{\"type\":\"=\"}"))
        .hasMessageContaining("a condition {field, type, value} or a group");
    assertThatThrownBy(() -> SearchFilterJson.parse("{\"op\":\"and\",\"conditions\":5}"))
        .hasMessageContaining("conditions array");
    String deep = "{\"op\":\"and\",\"conditions\":[".repeat(40) + "]}".repeat(40);
    assertThatThrownBy(() -> SearchFilterJson.parse(deep)).hasMessageContaining("nest deeper");
  }
}
