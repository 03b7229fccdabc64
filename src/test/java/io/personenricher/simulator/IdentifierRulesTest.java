package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdentifierRulesTest {

  private static final String URL = "https://www.linkedin.com/in/jane-doe-1a";
  private final IdentifierRules both =
      new IdentifierRules(EnumSet.allOf(IdentifierKind.class), true);

  @Test
  void readsOneKindOfIdentifiersInInputOrderVerbatim() {
    IdentifierBatch batch =
        both.read(body("{\"business_emails\":[\"b@x.com\",\"A@x.com\"]}"), Set.of());
    assertThat(batch.kind()).isEqualTo(IdentifierKind.BUSINESS_EMAIL);
    assertThat(batch.values()).containsExactly("b@x.com", "A@x.com");
  }

  @Test
  void noneBothEmptyNonArrayNonTextAndOver25AreEach400() {
    String twentySix =
        IntStream.range(0, 26)
            .mapToObj(i -> "\"p" + i + "@x.com\"")
            .collect(Collectors.joining(","));
    for (String body :
        List.of(
            "{}",
            "{\"business_emails\":null}",
            "{\"business_emails\":[]}",
            "{\"business_emails\":\"a@x.com\"}",
            "{\"business_emails\":[1]}",
            "{\"business_emails\":[" + twentySix + "]}",
            "{\"business_emails\":[\"a@x.com\"],\"professional_network_profile_urls\":[\""
                + URL
                + "\"]}")) {
      assertThat(rejection(both, body, Set.of()).status()).as(body).isEqualTo(400);
    }
  }

  @Test
  void oneMalformedUrlFailsTheWholeRequestNamingIt() {
    ApiAnswer answer =
        rejection(
            both,
            "{\"professional_network_profile_urls\":[\"" + URL + "\",\"" + URL + "?trk=x\"]}",
            Set.of());
    assertThat(answer.body()).contains("?trk=x");
  }

  @Test
  void aMalformedEmailFailsTheRequestUnlessTheRulesAreLenient() {
    String body = "{\"business_emails\":[\"a@x.com\",\"not-an-email\"]}";
    assertThat(rejection(both, body, Set.of()).body()).contains("not-an-email");
    IdentifierRules lenient = new IdentifierRules(EnumSet.allOf(IdentifierKind.class), false);
    assertThat(lenient.read(body(body), Set.of()).values()).hasSize(2);
  }

  @Test
  void aRejectedValueFailsTheRequestThatContainsIt() {
    assertThat(rejection(both, "{\"business_emails\":[\"a@x.com\"]}", Set.of("a@x.com")).status())
        .isEqualTo(400);
  }

  @Test
  void anEndpointTakingUrlsOnlyRejectsEmailsNamingWhatItTakes() {
    IdentifierRules urlsOnly = new IdentifierRules(EnumSet.of(IdentifierKind.PROFILE_URL), true);
    ApiAnswer answer = rejection(urlsOnly, "{\"business_emails\":[\"a@x.com\"]}", Set.of());
    assertThat(answer.body())
        .contains("business_emails")
        .contains("professional_network_profile_urls");
    assertThat(rejection(urlsOnly, "{}", Set.of()).body())
        .contains("professional_network_profile_urls must be provided");
  }

  private static ApiAnswer rejection(IdentifierRules rules, String body, Set<String> rejected) {
    ApiRejection r =
        catchThrowableOfType(ApiRejection.class, () -> rules.read(body(body), rejected));
    assertThat(r).as(body).isNotNull();
    assertThat(r.answer().body()).contains("invalid_request");
    return r.answer();
  }

  private static ObjectNode body(String json) {
    return (ObjectNode) SimulatorClient.parse(json);
  }
}
