package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LookupRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PersonFields VOCABULARY = PersonFields.enrich();
  private static final IdentifierRules RULES =
      new IdentifierRules(EnumSet.allOf(IdentifierKind.class), true);

  @Test
  void readsFieldsAsAnArrayOrACommaSeparatedStringAndTheFlags() {
    LookupRequest request =
        read(
            "{\"business_emails\":[\"a@x.com\"],\"fields\":\"skills, contact.business_emails\","
                + "\"min_similarity_score\":0.8,\"preview\":true,\"force_fetch\":true}");
    assertThat(request.fields()).containsExactly("skills", "contact.business_emails");
    assertThat(request.minScore()).isEqualTo(0.8);
    assertThat(request.preview()).isTrue();
    assertThat(read("{\"business_emails\":[\"a@x.com\"],\"fields\":[\"skills\"]}").fields())
        .containsExactly("skills");
  }

  @Test
  void absentFieldsAndScoreMeanTheDefaults() {
    LookupRequest request = read("{\"business_emails\":[\"a@x.com\"],\"fields\":null}");
    assertThat(request.fields()).isEmpty();
    assertThat(request.minScore()).isNull();
    assertThat(request.preview()).isFalse();
  }

  @Test
  void aScoreOutsideZeroToOneOrNotANumberIs400() {
    for (String score : new String[] {"1.5", "-0.1", "\"0.5\""}) {
      assertThat(
              rejection(
                      "{\"business_emails\":[\"a@x.com\"],\"min_similarity_score\":" + score + "}")
                  .status())
          .as(score)
          .isEqualTo(400);
    }
  }

  @Test
  void anUnknownFieldIs400WithEverySelectableFieldInMetadata() throws Exception {
    ApiAnswer answer =
        rejection("{\"business_emails\":[\"a@x.com\"],\"fields\":[\"skills\",\"current_title\"]}");
    JsonNode error = JSON.readTree(answer.body()).get("error");
    assertThat(error.get("message").asText()).contains("current_title").doesNotContain("skills,");
    assertThat(error.at("/metadata/available_fields")).hasSize(VOCABULARY.available().size());
    assertThat(rejection("{\"business_emails\":[\"a@x.com\"],\"fields\":[1]}").status())
        .isEqualTo(400);
  }

  @Test
  void identifierRulesComeBeforeTheFields() {
    assertThat(rejection("{\"fields\":[\"nope\"]}").body()).contains("Exactly one of");
  }

  private static LookupRequest read(String json) {
    return LookupRequest.read(body(json), RULES, VOCABULARY.vocabulary(), Set.of());
  }

  private static ApiAnswer rejection(String json) {
    ApiRejection r = catchThrowableOfType(ApiRejection.class, () -> read(json));
    assertThat(r).as(json).isNotNull();
    return r.answer();
  }

  private static ObjectNode body(String json) {
    return (ObjectNode) SimulatorClient.parse(json);
  }
}
