package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class VersionHeaderTest {

  @Test
  void theSupportedVersionPasses() {
    assertThatCode(() -> VersionHeader.require("2025-11-01")).doesNotThrowAnyException();
  }

  @Test
  void aMissingOrOtherVersionIsA400InvalidRequestNamingTheSupportedOne() {
    for (String version : new String[] {null, "2024-01-01", ""}) {
      ApiRejection r =
          catchThrowableOfType(ApiRejection.class, () -> VersionHeader.require(version));
      assertThat(r.answer().status()).isEqualTo(400);
      assertThat(r.answer().body()).contains("invalid_request").contains("2025-11-01");
    }
  }
}
