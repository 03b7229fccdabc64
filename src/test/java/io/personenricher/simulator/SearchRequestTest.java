package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

  private static final SearchProfiles PROFILES = new SearchProfiles(new SyntheticPeople(5, 100));
  private static final String FILTER =
      "\"filters\":{\"field\":\"basic_profile.location.country\",\"type\":\"=\",\"value\":\"Japan\"}";

  @Test
  void theLimitDefaultsTo20AndCountIsItsAlias() {
    assertThat(read("{" + FILTER + "}").limit()).isEqualTo(20);
    assertThat(read("{" + FILTER + ",\"count\":5}").limit()).isEqualTo(5);
    assertThat(read("{" + FILTER + ",\"limit\":1000}").limit()).isEqualTo(1000);
    assertThat(read("{" + FILTER + ",\"limit\":1}").limit()).isEqualTo(1);
  }

  @Test
  void aLimitOfZeroOverAThousandOrNotAnIntegerIs400() {
    for (String limit : List.of("0", "1001", "-1", "2.5", "\"20\"")) {
      assertThat(rejection("{" + FILTER + ",\"limit\":" + limit + "}")).as(limit).contains("limit");
    }
    assertThat(rejection("{" + FILTER + ",\"count\":0}")).contains("count");
  }

  @Test
  void theFingerprintCoversFiltersSortsAndExclusionsButNotThePage() {
    SearchRequest a = read("{" + FILTER + ",\"limit\":5}");
    SearchRequest b = read("{" + FILTER + ",\"limit\":50}");
    SearchRequest sorted = read("{" + FILTER + ",\"sorts\":[{\"field\":\"basic_profile.name\"}]}");
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(sorted.fingerprint());
    String cursor = SearchCursor.encode(5, a.fingerprint());
    assertThat(read("{" + FILTER + ",\"cursor\":\"" + cursor + "\"}").offset()).isEqualTo(5);
  }

  @Test
  void fieldsAreCheckedAgainstTheSearchVocabulary() {
    assertThat(read("{" + FILTER + ",\"fields\":[\"basic_profile.name\"]}").fields())
        .containsExactly("basic_profile.name");
    assertThat(rejection("{" + FILTER + ",\"fields\":[\"contact.business_emails\"]}"))
        .contains("contact.business_emails");
  }

  @Test
  void previewWithoutEntitlementAMissingFilterOrABadCursorIs400() {
    assertThat(rejection("{" + FILTER + ",\"preview\":true}")).contains("preview");
    assertThat(rejection("{\"limit\":5}")).contains("filters");
    assertThat(rejection("{" + FILTER + ",\"cursor\":7}")).contains("cursor");
  }

  @Test
  void exclusionsAreReadAsSlugsAndLowerCaseNames() {
    SearchRequest r =
        read(
            "{"
                + FILTER
                + ",\"post_processing\":{\"exclude_profiles\":[\"https://www.linkedin.com/in/Ab-C/\"],"
                + "\"exclude_names\":[\"Jane DOE\"]}}");
    assertThat(r.excludedSlugs()).containsExactly("ab-c");
    assertThat(r.excludedNames()).containsExactly("jane doe");
  }

  private static SearchRequest read(String body) {
    return SearchRequest.read((ObjectNode) SimulatorClient.parse(body), PROFILES);
  }

  private static String rejection(String body) {
    ApiRejection r = catchThrowableOfType(ApiRejection.class, () -> read(body));
    assertThat(r).as(body).isNotNull();
    assertThat(r.answer().status()).isEqualTo(400);
    return r.answer().body();
  }
}
