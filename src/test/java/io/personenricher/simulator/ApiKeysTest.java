package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private final ApiKeys keys = new ApiKeys(Set.of("good"), Set.of("self-serve"));

  @Test
  void aBearerKeyThatIsValidOrForbiddenAuthenticates() {
    assertThat(keys.authenticate("Bearer good")).isEqualTo("good");
    assertThat(keys.authenticate("bearer   self-serve ")).isEqualTo("self-serve");
  }

  @Test
  void aMissingHeaderIsA401SayingTheKeyIsMissingInAFlatBody() {
    ApiAnswer answer = rejection(null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("{\"message\":\"Missing API key in request\"}");
    assertThat(rejection("  ").body()).contains("Missing API key");
  }

  @Test
  void anUnknownKeyAnEmptyBearerOrTheLegacyTokenSchemeIsA401InvalidKey() {
    for (String header : new String[] {"Bearer nope", "Bearer ", "Token good", "good"}) {
      ApiAnswer answer = rejection(header);
      assertThat(answer.status()).as(header).isEqualTo(401);
      assertThat(answer.body()).as(header).contains("Invalid API key in request");
    }
  }

  @Test
  void onlyValidKeysAreEntitledAndInvalidatingOneMakesItUnknown() {
    assertThat(keys.entitled("good")).isTrue();
    assertThat(keys.entitled("self-serve")).isFalse();
    ApiKeys revoked = keys.invalidate(Set.of("good"));
    assertThat(catchThrowableOfType(ApiRejection.class, () -> revoked.authenticate("Bearer good")))
        .isNotNull();
  }

  private ApiAnswer rejection(String header) {
    ApiRejection r = catchThrowableOfType(ApiRejection.class, () -> keys.authenticate(header));
    assertThat(r).as(header).isNotNull();
    return r.answer();
  }
}
