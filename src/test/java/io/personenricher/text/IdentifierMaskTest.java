package io.personenricher.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierMaskTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "jane.doe@acme.com, j***@acme.com",
    "  Jane@Acme.COM , J***@Acme.COM",
    "https://www.linkedin.com/in/jane-doe-123, linkedin.com/in/ja***",
    "HTTPS://LinkedIn.com/in/Jane/, linkedin.com/in/Ja***",
    "broken-7-at-nowhere, br***",
    "https://www.linkedin.com/company/acme, ht***",
    "ab, ***",
    "abc, a***",
    "'', ***"
  })
  void masksAsMuchAsAPersonNeedsToRecogniseTheIdentifier(String identifier, String masked) {
    assertThat(IdentifierMask.mask(identifier)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"jane.doe@acme.com, jane.doe", "https://www.linkedin.com/in/jane-doe-123, jane-doe"})
  void neverShowsTheWholeNameOfAPerson(String identifier, String name) {
    assertThat(IdentifierMask.mask(identifier)).doesNotContain(name);
  }

  @org.junit.jupiter.api.Test
  void nullStaysNullAndLongValuesAreCut() {
    assertThat(IdentifierMask.mask(null)).isNull();
    assertThat(IdentifierMask.mask("x".repeat(200) + "@" + "d".repeat(200) + ".com"))
        .hasSize(80)
        .startsWith("x***@ddd")
        .endsWith("…");
  }
}
